/**
 * A user's timeline: changes newest first, one entry per sync or event; at its start the two
 * moments that are easy to confuse — when WorkOS created the record and when this console
 * first saw it — each under its own name.
 */
import { IconHistory } from '@tabler/icons-react';
import { useApiPages } from '../../api/queries';
import { ChangeList, MomentRow } from '../../components/ChangeList';
import { LoadMore } from '../../components/LoadMore';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';

export function UserTimeline({
  profileId,
  userId,
  names,
  createdAt,
}: {
  profileId: string;
  userId: string;
  names: ReadonlyMap<string, string>;
  /** The record's `created_at` at WorkOS, when known. */
  createdAt: string | null;
}) {
  const timeline = useApiPages('getUserTimeline', { profileId, userId, limit: 100 });
  const footer =
    createdAt && !timeline.hasNextPage ? (
      <MomentRow label="Created at WorkOS" at={createdAt} testId="created-at-workos" />
    ) : null;
  return (
    <QueryState
      query={timeline}
      rows={4}
      // With its WorkOS creation moment the timeline is never empty.
      isEmpty={() => timeline.items.length === 0 && !createdAt}
      empty={<EmptyView icon={<IconHistory size={22} />} title="No changes recorded for this user yet" />}
    >
      {() => (
        <>
          <ChangeList
            changes={timeline.items}
            showSubject={false}
            names={names}
            footer={footer}
            testId="user-timeline"
          />
          <LoadMore query={timeline} label="Load older" />
        </>
      )}
    </QueryState>
  );
}
