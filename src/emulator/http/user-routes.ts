/** GET /directory_users (directory, group, idp_id, email filters) and GET /directory_users/:id. */
import { paginate, type Sequence } from '../model/paging.ts';
import type { DirectoryStore } from '../model/directory-store.ts';
import type { WireDirectoryUserWithGroups, WireList } from '../model/wire.ts';
import { ApiError, notFound, ok, validationFailed, type ApiResponse, type FieldError } from './api-response.ts';
import { parsePageRequest, single } from './list-params.ts';
import type { RequestContext } from './request-context.ts';

function slotSequence(store: DirectoryStore, slots: readonly number[]): Sequence<number> {
  return {
    length: slots.length,
    idAt: (k) => store.userIdAt(slots[k] as number),
    isLive: () => true,
    itemAt: (k) => slots[k] as number,
  };
}

function emptyList(): ApiResponse {
  return ok({ object: 'list', data: [], list_metadata: { before: null, after: null } });
}

export function listUsers(ctx: RequestContext): ApiResponse {
  const directoryId = single(ctx.query, 'directory');
  const groupId = single(ctx.query, 'group');
  const idpId = single(ctx.query, 'idp_id');
  const email = single(ctx.query, 'email');
  const errors: FieldError[] = [];
  if (directoryId === undefined && groupId === undefined) errors.push({ field: 'directory', code: 'required' });
  if ((idpId !== undefined || email !== undefined) && directoryId === undefined)
    errors.push({ field: 'directory', code: 'required' });
  const page = parsePageRequest(ctx.query, 'directory_user', errors.slice(0, 1));

  let store: DirectoryStore | undefined;
  if (directoryId !== undefined) {
    store = ctx.world.directory(directoryId);
    if (!store) return notFound('Directory', directoryId);
  }
  const groupLocation = groupId !== undefined ? ctx.world.findGroup(groupId) : undefined;
  if (groupId !== undefined && !groupLocation) return notFound('Directory Group', groupId);
  const owner = store ?? groupLocation?.store;
  if (!owner) throw new ApiError(validationFailed([{ field: 'directory', code: 'required' }]));
  const limited = ctx.limitDirectory(owner.info.id);
  if (limited) return limited;
  if (groupLocation && store && groupLocation.store !== store) return emptyList();

  let seq: Sequence<number>;
  if (idpId !== undefined || email !== undefined) {
    let slots = idpId !== undefined ? owner.findSlotsByIdpId(idpId) : owner.findSlotsByEmail(email ?? '');
    if (idpId !== undefined && email !== undefined)
      slots = slots.filter((s) => owner.userAt(s).email?.toLowerCase() === email.toLowerCase());
    if (groupLocation) slots = slots.filter((s) => groupLocation.group.members.has(s));
    seq = slotSequence(owner, slots);
  } else if (groupLocation) {
    seq = owner.groupMemberSequence(groupLocation.group);
  } else {
    seq = owner.userSequence();
  }
  const result = paginate(seq, page);
  const body: WireList<WireDirectoryUserWithGroups> = {
    object: 'list',
    data: result.data.map((slot) => ctx.world.userWithGroups(owner, slot)),
    list_metadata: { before: result.before, after: result.after },
  };
  return ok(body);
}

export function getUser(ctx: RequestContext, params: Record<string, string>): ApiResponse {
  const id = params.id ?? '';
  const found = ctx.world.findUser(id);
  if (!found) return notFound('Directory User', id);
  const limited = ctx.limitDirectory(found.store.info.id);
  if (limited) return limited;
  return ok(ctx.world.userWithGroups(found.store, found.slot));
}
