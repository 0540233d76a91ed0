import { Badge, Button, DataList, Group, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { RoleGate } from '../../components/RoleGate';
import { useDeniedReason } from '../../app/permissions';
import { useSyncNow } from '../../app/use-sync-now';
import { SettingsSection } from '../../components/SettingsSection';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { SyncIntervalsForm } from './SyncIntervalsForm';

/** The active profile's sync schedule: last run, next runs, intervals, pause/resume, sync now. */
export function SyncSection() {
  const profileId = useProfileId();
  const now = useNow();
  const client = useQueryClient();
  const sync = useSyncNow();
  const intervalsDenied = useDeniedReason('setSyncIntervals');
  const status = useApiQuery('getSyncStatus', { profileId: profileId ?? '' }, { enabled: !!profileId });
  const toggle = useMutation({
    mutationFn: (paused: boolean) => callApi(paused ? 'resumeSync' : 'pauseSync', { profileId: profileId! }),
    onSuccess: (s) => client.setQueryData(['getSyncStatus', { profileId: profileId! }], s),
  });
  return (
    <SettingsSection
      title="Sync"
      description="Changes are read from the WorkOS Events API at the poll interval; a full reconcile catches any drift the events missed."
      testId="settings-sync"
    >
      <QueryState query={status} rows={2}>
        {(s) => (
          <>
            <DataList labelWidth="160px" withDivider>
              <DataList.Item>
                <DataList.ItemLabel>State</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Badge color={s.paused ? 'gray' : s.running ? 'blue' : 'teal'} size="sm">
                    {s.paused ? 'paused' : s.running ? `running ${s.running}` : 'scheduled'}
                  </Badge>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>Last run</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Text size="sm">
                    {s.lastRun
                      ? `${s.lastRun.kind} · ${s.lastRun.status} · ${formatRelative(s.lastRun.finishedAt ?? s.lastRun.startedAt, now)}`
                      : 'none yet'}
                  </Text>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>Last full sync</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Text size="sm">{formatDateTime(s.lastFullSyncAt)}</Text>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>Next events poll</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Text size="sm">{s.nextEventsPollAt ? formatRelative(s.nextEventsPollAt, now) : '—'}</Text>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>Next reconcile</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Text size="sm">{s.nextReconcileAt ? formatDateTime(s.nextReconcileAt) : '—'}</Text>
                </DataList.ItemValue>
              </DataList.Item>
            </DataList>
            {profileId && !intervalsDenied && <SyncIntervalsForm profileId={profileId} />}
            <Group gap="xs" mt="sm" justify="flex-end">
              <RoleGate method="pauseSync">
                {(denied) => (
                  <Button
                    variant="default"
                    leftSection={s.paused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
                    onClick={() => toggle.mutate(s.paused)}
                    loading={toggle.isPending}
                    disabled={denied}
                  >
                    {s.paused ? 'Resume syncing' : 'Pause syncing'}
                  </Button>
                )}
              </RoleGate>
              <RoleGate method="startSync">
                {(denied) => (
                  <Button
                    leftSection={<IconRefresh size={14} />}
                    onClick={sync.syncNow}
                    loading={sync.starting}
                    disabled={denied || sync.running || s.paused}
                    data-testid="settings-sync-now"
                  >
                    Sync now
                  </Button>
                )}
              </RoleGate>
            </Group>
          </>
        )}
      </QueryState>
    </SettingsSection>
  );
}
