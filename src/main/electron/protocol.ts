/**
 * Serves the built renderer from `app://renderer/…` instead of file://, so the page has a
 * real origin, a CSP header, and no access to the rest of the disk.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
import { APP_HOST } from './web-preferences.ts';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Maps a request URL to a file inside `rootDir`, or null when it would escape it. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  const pathname = decodeURIComponent(url.pathname);
  // Client-side routes (no extension) get the app shell so deep links work.
  const relativePath = extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const full = normalize(join(rootDir, relativePath));
  return full.startsWith(normalize(rootDir) + sep) ? full : null;
}

export async function serveAppRequest(rootDir: string, request: Request): Promise<Response> {
  const file = resolveAppFile(rootDir, request.url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
