/**
 * One directory's pages on their way to the cache writer. A page is sent without waiting for
 * it to be staged (the writer stages in order while the requests go on); only when the writer
 * falls behind — busy applying another directory — does the caller wait, so the pages held in
 * memory stay bounded. A staging failure stops the directory at its next page and at `flush`.
 */
import type { JsonObject } from '../store/records.ts';
import { stagedGroupValues, stagedUserValues } from '../store/staging.ts';
import type { CacheWrites } from '../store/writer-thread/cache-writes.ts';

/** Operations the writer may have waiting before a page waits for it (about 30 MB of users). */
const MAX_BACKLOG = 256;

export interface MembershipPair {
  groupId: string;
  userId: string;
}

export class StagingQueue {
  private outstanding = 0;
  private failure: unknown = null;
  private drained: (() => void)[] = [];

  constructor(
    private readonly writes: CacheWrites,
    private readonly runId: string,
    private readonly directoryId: string,
  ) {}

  // Rows are computed here, on the network thread (which has time to spare), so the writer only
  // inserts them — and a flat row of strings crosses to its thread cheaper than the nested record.
  users(users: readonly JsonObject[]): Promise<void> {
    return this.send(() =>
      this.writes.call('insertStagedUsers', this.runId, this.directoryId, users.map(stagedUserValues)),
    );
  }

  groups(groups: readonly JsonObject[]): Promise<void> {
    return this.send(() =>
      this.writes.call('insertStagedGroups', this.runId, this.directoryId, groups.map(stagedGroupValues)),
    );
  }

  memberships(pairs: readonly MembershipPair[]): Promise<void> {
    if (pairs.length === 0) return this.check();
    return this.send(() => this.writes.call('stageMemberships', this.runId, this.directoryId, pairs));
  }

  /** Waits until everything sent is staged; throws the first staging failure. */
  async flush(): Promise<void> {
    if (this.outstanding > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    await this.check();
  }

  private send(stage: () => Promise<unknown>): Promise<void> {
    let staged: Promise<unknown>;
    try {
      staged = stage();
    } catch (err) {
      // A record that cannot become a row (computed on this thread): the directory fails.
      staged = Promise.reject(err);
    }
    this.outstanding++;
    staged
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        if (--this.outstanding === 0) for (const resolve of this.drained.splice(0)) resolve();
      });
    if (this.writes.backlog > MAX_BACKLOG) {
      return this.writes.whenBacklogAtMost(MAX_BACKLOG / 2).then(() => this.check());
    }
    return this.check();
  }

  private check(): Promise<void> {
    return this.failure === null ? Promise.resolve() : Promise.reject(this.failure);
  }
}
