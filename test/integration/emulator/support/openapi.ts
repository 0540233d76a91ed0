/**
 * Validates emulator responses against the official WorkOS OpenAPI spec
 * (`@workos/openapi-spec`), by path, method and status, with ajv (JSON Schema 2020-12, which
 * OpenAPI 3.1 schemas are).
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const specPath = require.resolve('@workos/openapi-spec/spec');

let ajv: Ajv2020 | undefined;

/**
 * The YAML is 30k lines and takes seconds to parse; a JSON copy keyed by the file's size and
 * mtime in the temp dir makes later runs fast. The copy is written atomically (rename).
 */
function loadSpec(): Record<string, unknown> {
  const stat = statSync(specPath);
  const cache = join(tmpdir(), `dsync-console-openapi-${stat.size}-${Math.floor(stat.mtimeMs)}.json`);
  try {
    return JSON.parse(readFileSync(cache, 'utf8')) as Record<string, unknown>;
  } catch {
    const spec = parse(readFileSync(specPath, 'utf8')) as Record<string, unknown>;
    const temp = `${cache}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(spec));
    renameSync(temp, cache);
    return spec;
  }
}

function validator(): Ajv2020 {
  if (ajv) return ajv;
  const spec = loadSpec();
  const instance = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(instance);
  instance.addSchema({ ...spec, $id: 'workos' });
  instance.addSchema(dsyncEventListSchema(spec));
  ajv = instance;
  return instance;
}

/**
 * `EventList` restricted to the dsync.* members of the spec's event `oneOf` (the same schemas,
 * referenced, not copied). Compiling all ~90 event kinds takes seconds; the emulator can only
 * ever emit dsync ones, and any other event name fails this schema, as it should.
 */
function dsyncEventListSchema(spec: Record<string, unknown>): Record<string, unknown> {
  const components = spec.components as {
    schemas: Record<string, { allOf: { oneOf: { properties?: { event?: { const?: string } } }[] }[] }>;
  };
  const members = components.schemas.EventSchema?.allOf[1]?.oneOf ?? [];
  const dsync = members
    .map((member, index) => ({ name: member.properties?.event?.const ?? '', index }))
    .filter((m) => m.name.startsWith('dsync.'))
    .map((m) => ({ $ref: `workos#/components/schemas/EventSchema/allOf/1/oneOf/${m.index}` }));
  if (dsync.length === 0) throw new Error('the spec has no dsync.* event schemas');
  return {
    $id: 'dsync-event-list',
    type: 'object',
    required: ['object', 'data', 'list_metadata'],
    properties: {
      object: { const: 'list' },
      list_metadata: { $ref: 'workos#/components/schemas/EventList/properties/list_metadata' },
      data: {
        type: 'array',
        items: { allOf: [{ $ref: 'workos#/components/schemas/EventSchema/allOf/0' }, { oneOf: dsync }] },
      },
    },
  };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Errors (empty when valid) for `body` against the spec's schema of that response. */
export function specErrors(path: string, method: string, status: number, body: unknown): string[] {
  const ref =
    path === '/events' && status === 200
      ? 'dsync-event-list'
      : `workos#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}/content/${escapePointer('application/json')}/schema`;
  const v = validator();
  const validate = v.getSchema(ref);
  if (!validate) throw new Error(`The spec has no JSON schema for ${method} ${path} ${status}`);
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export function componentErrors(name: string, body: unknown): string[] {
  const v = validator();
  const validate = v.getSchema(`workos#/components/schemas/${name}`);
  if (!validate) throw new Error(`The spec has no component ${name}`);
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
