/**
 * GET /events. `events` arrives as `a,b` (Node, Python), repeated `events=a&events=b` (Go) or
 * `events[]=a` (curl habit); all are accepted. Results are always oldest first.
 */
import type { WireEventList } from '../model/wire.ts';
import { ApiError, ok, validationFailed, type ApiResponse, type FieldError } from './api-response.ts';
import { parseCursor, parseLimit, single } from './list-params.ts';
import type { RequestContext } from './request-context.ts';

function parseInstant(query: URLSearchParams, name: string, errors: FieldError[]): number | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) {
    errors.push({ field: name, code: 'invalid' });
    return undefined;
  }
  return ms;
}

export function listEvents(ctx: RequestContext): ApiResponse {
  const names = new Set<string>();
  for (const raw of [...ctx.query.getAll('events'), ...ctx.query.getAll('events[]')]) {
    for (const name of raw.split(',')) if (name.trim() !== '') names.add(name.trim());
  }
  const errors: FieldError[] = [];
  if (names.size === 0) errors.push({ code: 'required', field: 'events' });
  const limit = parseLimit(ctx.query, errors);
  const after = parseCursor(ctx.query, 'after', 'event', errors);
  parseCursor(ctx.query, 'before', 'event', errors);
  const order = single(ctx.query, 'order');
  if (order !== undefined && !['asc', 'desc', 'normal'].includes(order))
    errors.push({ field: 'order', code: 'invalid' });
  const rangeStartMs = parseInstant(ctx.query, 'range_start', errors);
  const rangeEndMs = parseInstant(ctx.query, 'range_end', errors);
  if (errors.length > 0) throw new ApiError(validationFailed(errors));
  const organizationId = single(ctx.query, 'organization_id');
  const events = ctx.world.events.query({
    names,
    limit,
    ...(after !== undefined ? { after } : {}),
    ...(organizationId !== undefined ? { organizationId } : {}),
    ...(rangeStartMs !== undefined ? { rangeStartMs } : {}),
    ...(rangeEndMs !== undefined ? { rangeEndMs } : {}),
  });
  // The cursor is the last event returned, so a poller can resume from it; null on an empty page.
  const last = events[events.length - 1];
  const body: WireEventList = {
    object: 'list',
    data: events.map((e) => e.wire),
    list_metadata: { after: last ? last.wire.id : null },
  };
  return ok(body);
}
