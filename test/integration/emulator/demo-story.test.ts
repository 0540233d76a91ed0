/**
 * The Demo tells its story within its opening (12 steps, 4 minutes at the Demo's 20 s step):
 * deletions, a directory that loses its credentials and recovers, a reorg, group changes and
 * a deactivated user. Driven step by step through the scenario catalog, not by waiting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { DEMO_OPENING } from '../../../src/emulator/scenarios/demo-story.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('demo story', () => {
  it('the opening has deletions, a credentials loss and recovery, a reorg, group changes and a deactivation', async () => {
    emu = await startEmulator({ seed: 'demo', users: 300, rateLimitScale: 0 });
    const DEMO_STEP_S = 20;
    expect(DEMO_OPENING.length * DEMO_STEP_S).toBeLessThanOrEqual(5 * 60);
    const events: string[] = [];
    const ran: string[] = [];
    const broken: string[][] = [];
    for (let i = 0; i < DEMO_OPENING.length; i++) {
      const step = emu.control.step('demo');
      ran.push(step.scenario);
      for (const e of step.events) events.push(e.event);
      broken.push(
        emu.control
          .truth()
          .directories.filter((d) => d.state === 'invalid_credentials')
          .map((d) => d.id),
      );
    }
    expect(ran).toEqual([...DEMO_OPENING]);
    expect(events).toContain('dsync.user.deleted');
    expect(events).toContain('dsync.group.created');
    expect(events).toContain('dsync.group.updated');
    expect(events).toContain('dsync.group.deleted');
    expect(
      events.filter((e) => e === 'dsync.group.user_added' || e === 'dsync.group.user_removed').length,
    ).toBeGreaterThan(2);
    expect(events.filter((e) => e === 'dsync.user.updated').length).toBeGreaterThan(3);
    // One directory loses its credentials at the break step and has them back at the restore step.
    const breakAt = DEMO_OPENING.indexOf('demo_break_credentials');
    const restoreAt = DEMO_OPENING.indexOf('demo_restore_credentials');
    const lost = broken[breakAt]!.filter((id) => !(broken[breakAt - 1] ?? []).includes(id));
    expect(lost).toHaveLength(1);
    expect(broken[restoreAt - 1]).toContain(lost[0]);
    expect(broken[restoreAt]).not.toContain(lost[0]);
    // Deactivated users are kept (inactive), deleted ones are gone: both kinds exist after the opening.
    expect(emu.control.truth().users.some((u) => u.state === 'inactive')).toBe(true);
  });
});
