/**
 * Validates emulator responses against the official WorkOS OpenAPI spec
 * (`@workos/openapi-spec`), by path, method and status, with ajv (JSON Schema 2020-12, which
 * OpenAPI 3.1 schemas are).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const specPath = require.resolve('@workos/openapi-spec/spec');

let ajv: Ajv2020 | undefined;

function validator(): Ajv2020 {
  if (ajv) return ajv;
  const spec = parse(readFileSync(specPath, 'utf8')) as Record<string, unknown>;
  const instance = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(instance);
  instance.addSchema({ ...spec, $id: 'workos' });
  ajv = instance;
  return instance;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Errors (empty when valid) for `body` against the spec's schema of that response. */
export function specErrors(path: string, method: string, status: number, body: unknown): string[] {
  const ref = `workos#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}/content/${escapePointer('application/json')}/schema`;
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
