/** A clock whose sleeps return at once but are recorded (and move virtual time forward). */
import type { Clock } from '../../../src/main/workos/rate-limiter.ts';

export class RecordingClock implements Clock {
  readonly sleeps: number[] = [];
  private offset = 0;
  constructor(private readonly advance = true) {}
  now(): number {
    return (this.advance ? performance.now() : 0) + this.offset;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.offset += ms;
  }
}
