/**
 * Soak (opt-in: `npm run test:soak` (DSYNC_SOAK=1) or EMULATOR_SOAK=1, optional
 * EMULATOR_SOAK_USERS): walk an entire large directory
 * page by page and check every user comes back exactly once, newest first.
 */
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.ts';

const enabled = process.env.EMULATOR_SOAK === '1' || process.env.DSYNC_SOAK === '1';
const users = Number(process.env.EMULATOR_SOAK_USERS ?? 1_000_000);

describe.skipIf(!enabled)('large directory soak', () => {
  it(`pages through ${users.toLocaleString('en-US')} users exactly once`, { timeout: 30 * 60_000 }, async () => {
    const emu = await startEmulator({ seed: 'large', users, rateLimitScale: 0 });
    try {
      const dir = emu.control.directories()[0];
      if (!dir) throw new Error('no directory');
      const expected = dir.metadata.users.active + dir.metadata.users.inactive;
      let count = 0;
      let previous = '~';
      let after: string | null = null;
      do {
        const res = await fetch(
          `${emu.url}/directory_users?directory=${dir.id}&limit=100${after ? `&after=${after}` : ''}`,
          {
            headers: { Authorization: `Bearer ${emu.apiKey}` },
          },
        );
        const body = (await res.json()) as { data: { id: string }[]; list_metadata: { after: string | null } };
        for (const u of body.data) {
          expect(u.id < previous).toBe(true);
          previous = u.id;
        }
        count += body.data.length;
        after = body.list_metadata.after;
      } while (after !== null);
      expect(count).toBe(expected);
    } finally {
      await emu.close();
    }
  });
});
