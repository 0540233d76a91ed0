/** What a route handler gets: the parsed request, the world, and the per-directory limiter. */
import type { World } from '../model/world.ts';
import type { ApiResponse } from './api-response.ts';

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  world: World;
  /** Applies the `/directory_users` 4 req/s per-directory limit; returns a 429 when exceeded. */
  limitDirectory(directoryId: string): ApiResponse | undefined;
}

export type RouteHandler = (ctx: RequestContext, params: Record<string, string>) => ApiResponse;
