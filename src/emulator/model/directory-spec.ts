/** The resolved, fully explicit description of one generated directory. */
import type { DirectoryState } from '../data/vocabulary.ts';

export interface DirectorySpec {
  /** Seed for everything generated in this directory. */
  seed: number;
  directoryId: string;
  organizationId: string;
  name: string;
  type: string;
  state: DirectoryState;
  domain: string;
  userCount: number;
  groupCount: number;
  /** Share of generated users that are `inactive`. */
  inactiveRate: number;
  /** Share of users with no email at all (`email: null`, `emails: []`). */
  missingEmailRate: number;
  /** Share of users whose email repeats another user's (shared mailboxes, re-hires). */
  duplicateEmailRate: number;
  /** Generated users are created evenly (with jitter) between these two instants. */
  usersFromMs: number;
  usersUntilMs: number;
  createdAtMs: number;
}
