/** Turns a profile's API base URL into the SDK's host/port/https options. */
export interface SdkHostOptions {
  apiHostname: string;
  port: number | undefined;
  https: boolean;
}

export function sdkHostOptions(baseUrl: string): SdkHostOptions {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`"${baseUrl}" is not a valid API base URL (expected e.g. https://api.workos.com).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The API base URL must use http or https, not ${url.protocol}`);
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new Error(`The API base URL cannot have a path (${url.pathname}); use just the scheme, host and port.`);
  }
  return {
    apiHostname: url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    https: url.protocol === 'https:',
  };
}
