/** A tiny method + path-pattern router (`/directories/:id`). */
import type { RouteHandler } from './request-context.ts';

export interface Route {
  method: string;
  pattern: string;
  handler: RouteHandler;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split('/').filter((p) => p !== '');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < pattern.length; i++) {
      const want = pattern[i] as string;
      const got = parts[i] as string;
      if (want.startsWith(':')) {
        try {
          params[want.slice(1)] = decodeURIComponent(got);
        } catch {
          matched = false;
          break;
        }
      } else if (want !== got) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, params };
  }
  return undefined;
}
