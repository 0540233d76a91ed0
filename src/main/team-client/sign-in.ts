/**
 * This machine's half of signing in to a team server (see server/client-sign-in.ts): a one-shot
 * listener on 127.0.0.1 receives the browser coming back with a one-time code, which is traded
 * with the PKCE verifier (never sent through the browser) for a session token. The same code
 * serves the web console and the desktop app: either opens the returned URL in a browser.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A sign-in not finished within this time stops listening. */
const SIGN_IN_TTL_MS = 10 * 60_000;

export interface LoopbackSignIn {
  readonly signInUrl: string;
  cancel(): void;
}

export interface TokenGrant {
  token: string;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const resultPage = (title: string, text: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>` +
  `<style>body{font:15px system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem}</style></head>` +
  `<body><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`;

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Trades the code for a session token at the server. */
async function exchange(serverUrl: string, code: string, verifier: string, redirectUri: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(new URL('/auth/client/token', serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code, code_verifier: verifier, redirect_uri: redirectUri }),
      redirect: 'error',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new Error(`the team server could not be reached (${(err as Error).message})`, { cause: err });
  }
  const body = (await res.json().catch(() => null)) as {
    token?: unknown;
    error?: { message?: unknown };
  } | null;
  if (res.ok && typeof body?.token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(body.token)) return body.token;
  const why = typeof body?.error?.message === 'string' ? body.error.message.slice(0, 300) : `answer ${res.status}`;
  throw new Error(`the team server refused the sign-in: ${why}`);
}

/**
 * Starts listening and returns the URL to open in a browser. `onToken` stores the session and
 * returns the line shown in the browser; `onError` is told why a sign-in failed.
 */
export async function beginLoopbackSignIn(o: {
  serverUrl: string;
  clientName: string;
  onToken(token: string): Promise<string>;
  onError(message: string): void;
}): Promise<LoopbackSignIn> {
  const state = randomBytes(24).toString('base64url');
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  let finished = false;
  let server: Server | null = null;
  /** Stops listening; the answer being written (if any) still completes. */
  const stop = (): void => {
    finished = true;
    clearTimeout(timer);
    server?.close();
  };
  const cancel = (): void => {
    stop();
    server?.closeAllConnections();
  };
  const timer = setTimeout(cancel, SIGN_IN_TTL_MS);
  timer.unref();
  let redirectUri = '';

  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, title: string, text: string): void => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'referrer-policy': 'no-referrer',
      });
      res.end(resultPage(title, text));
    };
    if (req.method !== 'GET' || url.pathname !== '/callback' || finished) {
      answer(404, 'Nothing here', 'This address only receives one sign-in to a team server.');
      return;
    }
    const gotState = url.searchParams.get('state') ?? '';
    if (!same(gotState, state)) {
      answer(400, 'Sign-in not accepted', 'This answer does not belong to the sign-in the console started.');
      return;
    }
    stop();
    const code = url.searchParams.get('code');
    if (!code) {
      const message = 'The sign-in was cancelled in the browser.';
      o.onError(message);
      answer(200, 'Not connected', `${message} You can close this window.`);
      return;
    }
    exchange(o.serverUrl, code, verifier, redirectUri)
      .then((token) => o.onToken(token))
      .then(
        (line) => answer(200, 'Connected', `${line} You can close this window and return to the console.`),
        (err: Error) => {
          const message = `Sign-in to ${o.serverUrl} failed: ${err.message}`;
          o.onError(message);
          answer(502, 'Sign-in failed', message);
        },
      );
  });
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server!.once('error', reject);
    server!.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const url = new URL('/auth/client/authorize', o.serverUrl);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('client_name', o.clientName);
  return { signInUrl: url.href, cancel };
}
