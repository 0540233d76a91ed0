/** What a route returns, and WorkOS-shaped error bodies (docs/workos-api.md §4.2). */
export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FieldError {
  field: string;
  code: string;
}

export function ok(body: unknown, status = 200): ApiResponse {
  return { status, body };
}

export function notFound(what: string, id: string): ApiResponse {
  return { status: 404, body: { message: `${what} not found: '${id}'.`, code: 'entity_not_found' } };
}

export function routeNotFound(method: string, path: string): ApiResponse {
  return {
    status: 404,
    body: { message: `The requested path '${path}' could not be found (${method}).`, code: 'not_found' },
  };
}

export function unauthorized(): ApiResponse {
  return {
    status: 401,
    body: { message: 'Could not authorize the request. Maybe your API key is invalid?', code: 'unauthorized' },
  };
}

export function validationFailed(errors: FieldError[], message = 'Validation failed.'): ApiResponse {
  return { status: 422, body: { message, code: 'invalid_request_parameters', errors } };
}

export const RATE_LIMIT_MESSAGE =
  'Rate limit exceeded. See the WorkOS docs for more information: https://workos.com/docs/reference/rate-limits';

/**
 * 429 with `Retry-After` in whole seconds. The body is what production was observed to send; the
 * OpenAPI spec documents the bare string "Ratelimited" instead (`rateLimitBody: 'spec'`).
 */
export function rateLimited(retryAfterSeconds: number, style: 'message' | 'spec'): ApiResponse {
  return {
    status: 429,
    body: style === 'spec' ? 'Ratelimited' : { message: RATE_LIMIT_MESSAGE, code: 'rate_limit_exceeded' },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}

export class ApiError extends Error {
  constructor(readonly response: ApiResponse) {
    super(`API error ${response.status}`);
  }
}
