/**
 * Which directories the cache holds, remembered for the events of one write transaction:
 * nearly every event names a directory, and asking SQLite each time cost a query per event.
 * Only valid inside one transaction (nothing else can add or remove a directory meanwhile);
 * the applier updates it itself on `dsync.activated` / `dsync.deleted`.
 */
import type { ReadableDB } from '../store/db-types.ts';
import { directoryExists } from '../store/entity-reads.ts';

export class DirectoryPresence {
  private readonly known = new Map<string, boolean>();

  has(db: ReadableDB, profileId: string, directoryId: string): boolean {
    const key = `${profileId}\u0000${directoryId}`;
    let present = this.known.get(key);
    if (present === undefined) {
      present = directoryExists(db, profileId, directoryId);
      this.known.set(key, present);
    }
    return present;
  }

  set(profileId: string, directoryId: string, present: boolean): void {
    this.known.set(`${profileId}\u0000${directoryId}`, present);
  }
}
