/** GET /directory_groups (directory, user filters) and GET /directory_groups/:id. */
import { arraySequence, paginate } from '../model/paging.ts';
import type { WireDirectoryGroup, WireList } from '../model/wire.ts';
import { notFound, ok, type ApiResponse, type FieldError } from './api-response.ts';
import { parsePageRequest, single } from './list-params.ts';
import type { RequestContext } from './request-context.ts';

function list(data: WireDirectoryGroup[], before: string | null, after: string | null): ApiResponse {
  const body: WireList<WireDirectoryGroup> = { object: 'list', data, list_metadata: { before, after } };
  return ok(body);
}

export function listGroups(ctx: RequestContext): ApiResponse {
  const directoryId = single(ctx.query, 'directory');
  const userId = single(ctx.query, 'user');
  const errors: FieldError[] = [];
  if (directoryId === undefined && userId === undefined) errors.push({ field: 'directory', code: 'required' });
  const page = parsePageRequest(ctx.query, 'directory_group', errors);
  const store = directoryId !== undefined ? ctx.world.directory(directoryId) : undefined;
  if (directoryId !== undefined && !store) return notFound('Directory', directoryId);
  if (userId !== undefined) {
    const found = ctx.world.findUser(userId);
    if (!found) return notFound('Directory User', userId);
    if (store && found.store !== store) return list([], null, null);
    const groups = found.store.groupsOfUser(found.slot).sort((a, b) => (a.id < b.id ? -1 : 1));
    const result = paginate(arraySequence(groups), page);
    return list(result.data, result.before, result.after);
  }
  if (!store) return list([], null, null);
  const result = paginate(store.groupSequence(), page);
  return list(
    result.data.map((g) => g.wire),
    result.before,
    result.after,
  );
}

export function getGroup(ctx: RequestContext, params: Record<string, string>): ApiResponse {
  const id = params.id ?? '';
  const found = ctx.world.findGroup(id);
  return found ? ok(found.group.wire) : notFound('Directory Group', id);
}
