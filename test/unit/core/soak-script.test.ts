/**
 * `npm run test:soak` must reach every suite that is gated off in the normal run: the
 * reliability suite's large sizes, the emulator's large-directory soak and the verifier's
 * "huge bodies" block. Checked from the script and the gates themselves, so a new gate with
 * another variable, or a suite left out of the script, fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const script = pkg.scripts['test:soak'] ?? '';
const env = Object.fromEntries([...script.matchAll(/\b([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));

describe('test:soak', () => {
  it.each([
    ['test/reliability', 'test/reliability/support/soak.ts'],
    ['test/integration/emulator/soak-large.test.ts', 'test/integration/emulator/soak-large.test.ts'],
    ['test/unit/webhooks/fuzz.test.ts', 'test/unit/webhooks/fuzz.test.ts'],
  ])('runs %s with its gate open', (target, gateFile) => {
    expect(script.split(/\s+/)).toContain(target);
    const gate = readFileSync(gateFile, 'utf8');
    const gateVars = [...gate.matchAll(/process\.env\.([A-Z_]+) === '1'/g)].map((m) => m[1]);
    const soakImported = /support\/soak\.ts'/.test(gate) && /\bSOAK\b/.test(gate);
    expect(soakImported || gateVars.some((v) => v !== undefined && env[v] === '1'), gateFile).toBe(true);
  });
});
