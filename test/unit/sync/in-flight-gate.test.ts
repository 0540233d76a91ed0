import { describe, expect, it } from 'vitest';
import { InFlightGate } from '../../../src/main/workos/in-flight-gate.ts';

describe('in-flight gate', () => {
  it('lets at most `limit` in, then the next waiter per release, urgent ones first', async () => {
    const gate = new InFlightGate(2);
    const a = await gate.enter();
    const b = await gate.enter();
    const order: string[] = [];
    const c = gate.enter().then((leave) => (order.push('normal'), leave));
    const d = gate.enter(true).then((leave) => (order.push('urgent'), leave));
    expect(gate.inFlight).toBe(2);
    a();
    a(); // a second release of the same slot changes nothing
    const first = await d;
    expect(order).toEqual(['urgent']);
    b();
    const second = await c;
    expect(order).toEqual(['urgent', 'normal']);
    expect(gate.inFlight).toBe(2);
    first();
    second();
    expect(gate.inFlight).toBe(0);
  });
});
