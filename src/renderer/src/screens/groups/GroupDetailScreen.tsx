import { Alert, Anchor, Button, Card, Group, Tabs } from '@mantine/core';
import { IconCalendarSearch, IconHistory, IconSkull, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { MembersAtTab } from './MembersAtTab';
import { useApiPages, useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ChangeList } from '../../components/ChangeList';
import { JsonViewer } from '../../components/JsonViewer';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useUiStore } from '../../state/ui-store';
import { defaultUserColumns, userColumns } from '../users/user-columns';
import { VirtualUserTable } from '../users/VirtualUserTable';
import classes from './GroupDetailScreen.module.css';

function Members({ profileId, groupId }: { profileId: string; groupId: string }) {
  const navigate = useNavigate();
  const stored = useUiStore((s) => s.tableColumns.users);
  const columns = userColumns.filter((c) => (stored ?? defaultUserColumns).includes(c.id) && c.id !== 'directory');
  const members = useApiPages('listUsers', { profileId, groupId, limit: 200, sort: 'name', order: 'asc' });
  return (
    <QueryState
      query={members}
      rows={8}
      empty={<EmptyView icon={<IconUsers size={22} />} title="This group has no members" />}
    >
      {() => (
        <div className={classes.members}>
          <VirtualUserTable
            users={members.items}
            columns={columns}
            hasNextPage={members.hasNextPage}
            isFetchingNextPage={members.isFetchingNextPage}
            fetchNextPage={() => void members.fetchNextPage()}
            sort={{ key: 'name', order: 'asc' }}
            onSort={() => undefined}
            onOpen={(u) => navigate(`/users/${encodeURIComponent(u.id)}`)}
          />
        </div>
      )}
    </QueryState>
  );
}

function History({ profileId, groupId }: { profileId: string; groupId: string }) {
  const timeline = useApiPages('getGroupTimeline', { profileId, groupId, limit: 100 });
  return (
    <QueryState
      query={timeline}
      rows={4}
      empty={<EmptyView icon={<IconHistory size={22} />} title="No membership changes recorded yet" />}
    >
      {() => (
        <>
          <ChangeList changes={timeline.items} testId="group-history" ownId={groupId} />
          <LoadMore query={timeline} label="Load older" />
        </>
      )}
    </QueryState>
  );
}

export function GroupDetailScreen() {
  const { groupId = '' } = useParams();
  const profileId = useProfileId();
  const detail = useApiQuery('getGroup', { profileId: profileId ?? '', groupId }, { enabled: !!profileId });
  const g = detail.data?.group;
  const lastRecord = detail.data?.tombstone?.lastRecord;
  // A deleted group keeps its last known name.
  const lastName = lastRecord && typeof lastRecord.name === 'string' ? lastRecord.name : null;

  return (
    <Screen testId="screen-group-detail">
      <PageHeader
        eyebrow={
          <Breadcrumb
            to="/groups"
            label="Groups"
            trail={[
              g
                ? { label: g.directoryName, to: `/directories/${encodeURIComponent(g.directoryId)}`, id: g.directoryId }
                : null,
              g ? { label: g.name, id: groupId } : lastName ? { label: `${lastName} (deleted)`, id: groupId } : null,
            ]}
          />
        }
        title={g?.name ?? (lastName ? `${lastName} (deleted)` : null) ?? (detail.isPending ? 'Loading…' : groupId)}
        description={
          g && (
            <Group gap={6} component="span">
              <Anchor component={Link} to={`/directories/${encodeURIComponent(g.directoryId)}`} size="sm">
                {g.directoryName}
              </Anchor>
              <span>
                · {formatNumber(g.members)} members · updated {formatDateTime(g.updatedAt)}
              </span>
            </Group>
          )
        }
        actions={
          g && (
            <Button
              component={Link}
              to={`/users?group=${encodeURIComponent(g.id)}`}
              variant="default"
              leftSection={<IconUsers size={14} />}
            >
              Open in Users
            </Button>
          )
        }
      />
      <ScreenBody flush>
        <QueryState
          query={detail}
          rows={8}
          isEmpty={(data) => !data.group && !data.tombstone}
          empty={
            <EmptyView icon={<IconUsersGroup size={22} />} title="No such group in the cache" description={groupId} />
          }
        >
          {(data) => (
            <div className={classes.body}>
              {data.tombstone && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconSkull size={18} />}
                  title="Deleted in WorkOS"
                  m="md"
                  mb={0}
                >
                  Removed {formatDateTime(data.tombstone.removedAt)} ({data.tombstone.reason.replace(/_/g, ' ')}).
                </Alert>
              )}
              <Card padding={0} radius={0} bg="var(--app-surface)" className={classes.tabsCard}>
                <Tabs defaultValue="members" keepMounted={false} className={classes.tabs}>
                  <Tabs.List px="sm">
                    <Tabs.Tab value="members" leftSection={<IconUsers size={14} />}>
                      Members
                    </Tabs.Tab>
                    <Tabs.Tab value="history" leftSection={<IconHistory size={14} />}>
                      Membership history
                    </Tabs.Tab>
                    <Tabs.Tab value="at" leftSection={<IconCalendarSearch size={14} />}>
                      Members on a date
                    </Tabs.Tab>
                    <Tabs.Tab value="raw">Raw JSON</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="members" className={classes.panel}>
                    <Members profileId={profileId!} groupId={groupId} />
                  </Tabs.Panel>
                  <Tabs.Panel value="history" className={classes.scrollPanel}>
                    <History profileId={profileId!} groupId={groupId} />
                  </Tabs.Panel>
                  <Tabs.Panel value="at" className={classes.scrollPanel}>
                    <MembersAtTab profileId={profileId!} groupId={groupId} groupName={g?.name ?? groupId} />
                  </Tabs.Panel>
                  <Tabs.Panel value="raw" className={classes.scrollPanel} p="sm">
                    <JsonViewer value={data.raw ?? data.tombstone?.lastRecord ?? null} />
                  </Tabs.Panel>
                </Tabs>
              </Card>
            </div>
          )}
        </QueryState>
      </ScreenBody>
    </Screen>
  );
}
