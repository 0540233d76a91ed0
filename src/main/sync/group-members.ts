/**
 * Reading one group's members (`GET /directory_users?group=`) into staging. A big group is a
 * chain of dependent pages, one round trip each; at the end of a directory's sync, when no
 * other group is waiting, such a chain would leave the directory's bucket mostly idle. Then
 * the list is also read from its other end (`order=desc`) and the two chains stop where they
 * meet, halving the tail. While other groups wait, one chain per group keeps requests to
 * exactly one per page.
 */
import type { Store } from '../store/store.ts';
import { stageMemberships } from '../store/snapshot-apply.ts';
import type { WorkosClient } from '../workos/client.ts';
import { WorkosApiError } from '../workos/errors.ts';
import type { ProgressTracker } from './progress.ts';

export interface GroupMembersDeps {
  store: Store;
  client: WorkosClient;
  runId: string;
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
  const { client, store, runId, progress, signal } = deps;
  const seen = { asc: new Set<string>(), desc: new Set<string>() };
  let met = false;
  let fromEnd: Promise<void> | null = null;

  const chain = async (order: 'asc' | 'desc'): Promise<void> => {
    const mine = seen[order];
    const other = seen[order === 'asc' ? 'desc' : 'asc'];
    const cursors = new Set<string>();
    let after: string | null = null;
    while (!met) {
      const page = await client.listGroupMembers(groupId, directoryId, after, signal, order);
      const fresh = page.data.filter((m) => !other.has(m.id) && !mine.has(m.id));
      for (const m of page.data) mine.add(m.id);
      stageMemberships(
        store.writer,
        runId,
        directoryId,
        fresh.map((m) => ({ groupId, userId: m.id })),
      );
      progress.page('memberships', directoryId, fresh.length);
      // Reaching either end, or what the other chain already read, means the list is covered.
      if (!page.after || page.data.length === 0 || page.data.some((m) => other.has(m.id))) {
        met = true;
        return;
      }
      if (cursors.has(page.after))
        throw new WorkosApiError(
          'malformed_response',
          `WorkOS returned the cursor ${page.after} twice; stopping pagination.`,
        );
      cursors.add(page.after);
      after = page.after;
      if (order === 'asc' && fromEnd === null && bucketHasRoom()) fromEnd = chain('desc');
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
