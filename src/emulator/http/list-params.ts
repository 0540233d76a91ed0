/** Query validation shared by list routes: limit 1–100 (default 10), order, and cursors. */
import { isUlid } from '../util/ulid.ts';
import type { ListOrder, PageRequest } from '../model/paging.ts';
import { ApiError, validationFailed, type FieldError } from './api-response.ts';

const ORDERS: readonly ListOrder[] = ['asc', 'desc', 'normal'];

export function single(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

export function parseLimit(query: URLSearchParams, errors: FieldError[]): number {
  const raw = single(query, 'limit');
  if (raw === undefined) return 10;
  if (!/^\d+$/.test(raw)) {
    errors.push({ field: 'limit', code: 'invalid' });
    return 10;
  }
  const n = Number(raw);
  if (n < 1 || n > 100) errors.push({ field: 'limit', code: n < 1 ? 'too_small' : 'too_large' });
  return n;
}

export function parseCursor(
  query: URLSearchParams,
  name: 'before' | 'after',
  prefix: string,
  errors: FieldError[],
): string | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  const ulid = raw.startsWith(`${prefix}_`) ? raw.slice(prefix.length + 1) : '';
  if (!isUlid(ulid)) {
    errors.push({ field: name, code: 'invalid' });
    return undefined;
  }
  return raw;
}

/** Parses the four pagination parameters or throws a 422 naming every bad one. */
export function parsePageRequest(query: URLSearchParams, prefix: string, extraErrors: FieldError[] = []): PageRequest {
  const errors = [...extraErrors];
  const limit = parseLimit(query, errors);
  const orderRaw = single(query, 'order') ?? 'desc';
  if (!ORDERS.includes(orderRaw as ListOrder)) errors.push({ field: 'order', code: 'invalid' });
  const before = parseCursor(query, 'before', prefix, errors);
  const after = parseCursor(query, 'after', prefix, errors);
  if (errors.length > 0) throw new ApiError(validationFailed(errors));
  const req: PageRequest = { limit, order: orderRaw as ListOrder };
  if (after !== undefined) req.after = after;
  else if (before !== undefined) req.before = before;
  return req;
}
