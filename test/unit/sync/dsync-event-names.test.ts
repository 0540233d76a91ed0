/**
 * The console asks the Events API for `DSYNC_EVENT_NAMES` only, so an event type the spec
 * lists and the console does not ask for is silently never seen (as `dsync.deactivated` was).
 * This compares the list with every `dsync.*` event name the installed OpenAPI spec mentions.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DSYNC_EVENT_NAMES } from '../../../src/main/sync/apply-event.ts';

const require = createRequire(import.meta.url);

function specEventNames(): string[] {
  const text = readFileSync(require.resolve('@workos/openapi-spec/spec'), 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/\bdsync(?:\.[a-z_]+)+\b/g)) names.add(m[0]);
  return [...names].sort();
}

describe('DSYNC_EVENT_NAMES', () => {
  it('requests every dsync.* event type the spec lists, and nothing it does not', () => {
    const spec = specEventNames();
    expect(spec).toContain('dsync.deactivated');
    expect([...DSYNC_EVENT_NAMES].sort()).toEqual(spec);
  });
});
