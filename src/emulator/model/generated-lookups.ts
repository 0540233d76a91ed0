/**
 * Reverse lookups over generated (never changed) values: email → slots, idp_id → slot. Built
 * on first use only, since most runs never filter by email or idp_id; changed and joined users
 * are checked by the store itself.
 */
import type { UserGenerator } from './user-generator.ts';

export class GeneratedLookups {
  private byEmail: Map<string, number[]> | undefined;
  private byIdpId: Map<string, number> | undefined;

  constructor(
    private readonly gen: UserGenerator,
    private readonly count: number,
  ) {}

  /** Generated slots whose email equals `emailLower` (case-insensitive). */
  slotsWithEmail(emailLower: string): readonly number[] {
    if (!this.byEmail) {
      const index = new Map<string, number[]>();
      for (let slot = 0; slot < this.count; slot++) {
        const email = this.gen.emailOf(slot);
        if (email === null) continue;
        const key = email.toLowerCase();
        const list = index.get(key);
        if (list) list.push(slot);
        else index.set(key, [slot]);
      }
      this.byEmail = index;
    }
    return this.byEmail.get(emailLower) ?? [];
  }

  slotWithIdpId(idpId: string): number | undefined {
    if (!this.byIdpId) {
      const index = new Map<string, number>();
      for (let slot = 0; slot < this.count; slot++) index.set(this.gen.idpIdOf(slot), slot);
      this.byIdpId = index;
    }
    return this.byIdpId.get(idpId);
  }
}
