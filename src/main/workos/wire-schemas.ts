/**
 * What the console requires of WorkOS responses (docs/workos-api.md §1–2). Unknown fields
 * pass through untouched; a missing or mistyped required field fails with its path named,
 * e.g. `data[3].state: expected string`.
 */
import { z } from 'zod';
import { jsonValueDepth, MAX_JSON_DEPTH } from '../../shared/json-depth.ts';

const nullableString = z.string().nullable().optional();
const jsonObject = z.record(z.string(), z.unknown());

export const wireDirectorySchema = z.looseObject({
  id: z.string().min(1),
  organization_id: z.string().nullable().optional(),
  name: z.string(),
  type: z.string(),
  state: z.string(),
  domain: nullableString,
  external_key: nullableString,
  created_at: z.string(),
  updated_at: z.string(),
});

export const wireGroupSchema = z.looseObject({
  id: z.string().min(1),
  idp_id: z.string(),
  directory_id: z.string().min(1),
  organization_id: z.string().nullable().optional(),
  name: z.string(),
  raw_attributes: jsonObject.optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const wireUserSchema = z.looseObject({
  id: z.string().min(1),
  directory_id: z.string().min(1),
  organization_id: z.string().nullable().optional(),
  idp_id: z.string(),
  email: nullableString,
  first_name: nullableString,
  last_name: nullableString,
  name: nullableString,
  username: nullableString,
  job_title: nullableString,
  emails: z
    .array(
      z.looseObject({
        primary: z.boolean().optional(),
        type: z.string().nullable().optional(),
        value: z.string().nullable().optional(),
      }),
    )
    .optional(),
  state: z.string(),
  raw_attributes: jsonObject.optional(),
  custom_attributes: jsonObject.optional(),
  created_at: z.string(),
  updated_at: z.string(),
  groups: z.array(wireGroupSchema).optional(),
});

export const wireEventSchema = z.looseObject({
  id: z.string().min(1),
  event: z.string(),
  data: jsonObject,
  created_at: z.string(),
});

/**
 * A group's member list only feeds membership pairs, so of each member only `id` is checked;
 * the full user records come from the directory's own listing (validated in full there).
 * Validating 100 full users per member page was a large share of the CPU a sync spends.
 */
/** A group's member: only the id is needed (`directory_id`, `groups` are checked when present). */
export const wireMemberRefSchema = z.looseObject({ id: z.string().min(1), directory_id: z.string().optional() });

function buildListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    list_metadata: z.looseObject({ after: z.string().nullable().optional(), before: z.string().nullable().optional() }),
  });
}

// Building a zod schema compiles it on first parse; doing that per page cost more CPU than the
// parsing itself, so each item schema gets one list schema.
const listSchemas = new WeakMap<z.ZodType, ReturnType<typeof buildListSchema>>();

export function listSchema<T extends z.ZodType>(item: T): ReturnType<typeof buildListSchema<T>> {
  let schema = listSchemas.get(item);
  if (!schema) {
    schema = buildListSchema(item);
    listSchemas.set(item, schema);
  }
  return schema as ReturnType<typeof buildListSchema<T>>;
}

export type WireDirectory = z.infer<typeof wireDirectorySchema>;
export type WireUser = z.infer<typeof wireUserSchema>;
export type WireGroup = z.infer<typeof wireGroupSchema>;
export type WireEvent = z.infer<typeof wireEventSchema>;
export type WireMemberRef = z.infer<typeof wireMemberRefSchema>;

export class SchemaViolationError extends Error {
  constructor(
    readonly path: string,
    readonly field: string,
    detail: string,
  ) {
    super(`WorkOS sent an unexpected response for ${path}: ${field}: ${detail}`);
    this.name = 'SchemaViolationError';
  }
}

export function parseWire<T extends z.ZodType>(schema: T, body: unknown, path: string): z.output<T> {
  // The store re-serialises and diffs records recursively: depth is refused here, by a loop.
  if (jsonValueDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new SchemaViolationError(
      path,
      'body',
      `nested deeper than ${MAX_JSON_DEPTH} levels (WorkOS records nest fewer than 10)`,
    );
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field =
    issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') ||
    'body';
  throw new SchemaViolationError(path, field, issue.message);
}
