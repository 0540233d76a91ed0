/**
 * Reading one group's members (`GET /directory_users?group=`) into staging. A big group is a
 * chain of dependent pages, one round trip each; at the end of a directory's sync, when no
 * other group is waiting, such a chain would leave the directory's bucket mostly idle. Then
 * a list already 4 pages long is also read from its other end (`order=desc`) and the two
 * chains stop where they meet, halving the tail. While other groups wait, one chain per group keeps requests to
 * exactly one per page.
 */
import type { WorkosClient } from '../workos/client.ts';
import type { DirectoryScope } from './directory-scope.ts';
import { WorkosApiError } from '../workos/errors.ts';
import type { ProgressTracker } from './progress.ts';
import type { StagingQueue } from './staging-queue.ts';

/** Pages already read from the start before a list is also read from its end. */
const MIN_PAGES_FOR_SECOND_CHAIN = 4;

export interface GroupMembersDeps {
  /** Where the directory's pages go (its staging on the cache writer). */
  stage: StagingQueue;
  /** Drops members that are not the directory's (a server ignoring the filter). */
  scope?: DirectoryScope;
  client: WorkosClient;
  progress: ProgressTracker;
  signal: AbortSignal;
}

export async function fetchMembersOfGroup(
  deps: GroupMembersDeps,
  directoryId: string,
  groupId: string,
  /** True when the directory has nothing else to request (the bucket would go idle). */
  bucketHasRoom: () => boolean,
): Promise<void> {
  const { client, stage, progress, signal } = deps;
  const seen = { asc: new Set<string>(), desc: new Set<string>() };
  // The ids of each chain's last two pages: where a real meeting overlaps.
  const frontier = { asc: [new Set<string>(), new Set<string>()], desc: [new Set<string>(), new Set<string>()] };
  let met = false;
  // Set when the second chain's pages overlap the first's somewhere other than its frontier:
  // the server did not honour `order`, so only the first chain is trusted (it reads to the end).
  let secondChainDropped = false;
  let fromEnd: Promise<void> | null = null;

  const chain = async (order: 'asc' | 'desc'): Promise<void> => {
    const otherOrder = order === 'asc' ? 'desc' : 'asc';
    const mine = seen[order];
    const cursors = new Set<string>();
    let after: string | null = null;
    /**
     * Takes what the chain needs from a page (ids, cursor) and stages its members; the page
     * (whole user records) is not kept alive while staging waits for the cache writer.
     */
    const take = (page: { data: { id: string; [k: string]: unknown }[]; after: string | null }) => {
      const other = secondChainDropped ? new Set<string>() : seen[otherOrder];
      const overlaps = page.data.some((m) => other.has(m.id));
      const meets = overlaps && page.data.some((m) => frontier[otherOrder].some((f) => f.has(m.id)));
      if (overlaps && !meets && order === 'desc') return null;
      const unseen = page.data.filter((m) => !other.has(m.id) && !mine.has(m.id));
      const fresh = deps.scope ? deps.scope.membersOf(groupId, unseen) : unseen;
      for (const m of page.data) mine.add(m.id);
      frontier[order] = [frontier[order][1]!, new Set(page.data.map((m) => m.id))];
      progress.page('memberships', directoryId, fresh.length);
      // Reaching either end means this chain read the whole list; meeting the other chain's
      // frontier means the two together did.
      return {
        staged: stage.memberships(fresh.map((m) => ({ groupId, userId: m.id }))),
        next: page.after,
        ended: !page.after || page.data.length === 0 || meets,
      };
    };
    while (!met && !(order === 'desc' && secondChainDropped)) {
      const step: ReturnType<typeof take> = await client
        .listGroupMembers(groupId, directoryId, after, signal, order)
        .then(take);
      if (step === null) {
        secondChainDropped = true;
        return;
      }
      await step.staged;
      if (step.ended || !step.next) {
        met = true;
        return;
      }
      if (cursors.has(step.next))
        throw new WorkosApiError(
          'malformed_response',
          `WorkOS returned the cursor ${step.next} twice; stopping pagination.`,
        );
      cursors.add(step.next);
      after = step.next;
      // Only a long chain is worth a second one: where they meet up to two pages are read
      // twice, which a short list would not win back (and the key's budget pays for them).
      if (order === 'asc' && fromEnd === null && cursors.size >= MIN_PAGES_FOR_SECOND_CHAIN && bucketHasRoom())
        fromEnd = chain('desc');
    }
  };

  try {
    await chain('asc');
  } finally {
    // The other chain stops at its next page; wait so nothing is staged after we return.
    await (fromEnd as Promise<void> | null)?.catch(() => undefined);
  }
  await (fromEnd as Promise<void> | null);
}
