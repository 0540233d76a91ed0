/** A raw HTTP helper for contract tests: status, headers and parsed body of one call. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function call(
  baseUrl: string,
  apiKey: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}
