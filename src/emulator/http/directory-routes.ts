/** GET /directories, GET|DELETE /directories/:id, GET /organizations/:id. */
import { arraySequence, paginate } from '../model/paging.ts';
import type { WireDirectory, WireList } from '../model/wire.ts';
import { notFound, ok, type ApiResponse } from './api-response.ts';
import { parsePageRequest, single } from './list-params.ts';
import type { RequestContext } from './request-context.ts';
import type { WorldMutator } from '../model/mutations.ts';

export function listDirectories(ctx: RequestContext): ApiResponse {
  const page = parsePageRequest(ctx.query, 'directory');
  const organizationId = single(ctx.query, 'organization_id');
  const search = single(ctx.query, 'search')?.toLowerCase();
  const domain = single(ctx.query, 'domain')?.toLowerCase();
  const matching = ctx.world
    .directories()
    .map((d) => d.toWire())
    .filter(
      (d) =>
        (organizationId === undefined || d.organization_id === organizationId) &&
        (search === undefined || d.name.toLowerCase().includes(search)) &&
        (domain === undefined || d.domain?.toLowerCase() === domain),
    );
  const result = paginate(arraySequence(matching), page);
  const body: WireList<WireDirectory> = {
    object: 'list',
    data: result.data,
    list_metadata: { before: result.before, after: result.after },
  };
  return ok(body);
}

export function getDirectory(ctx: RequestContext, params: Record<string, string>): ApiResponse {
  const id = params.id ?? '';
  const store = ctx.world.directory(id);
  return store ? ok(store.toWire()) : notFound('Directory', id);
}

export function deleteDirectory(mutator: WorldMutator, onChange: () => void) {
  return (ctx: RequestContext, params: Record<string, string>): ApiResponse => {
    const id = params.id ?? '';
    const store = ctx.world.directory(id);
    if (!store) return notFound('Directory', id);
    mutator.deleteDirectory(store);
    onChange();
    return ok({}, 202);
  };
}

export function getOrganization(ctx: RequestContext, params: Record<string, string>): ApiResponse {
  const id = params.id ?? '';
  const org = ctx.world.organizations.get(id);
  return org ? ok(org) : notFound('Organization', id);
}
