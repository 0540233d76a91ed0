import { AppShell, Group, Progress, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClockPause, IconDatabase, IconLoader2 } from '@tabler/icons-react';
import type { SyncProgress } from '../../../shared/api';
import { useConnectionState, type ConnectionState } from '../api/live';
import { useApiQuery } from '../api/queries';
import { dataProfileIdOf, useActiveProfile, useAppInfo } from '../app/session';
import { formatCompact, formatDuration, formatNumber, formatRelative } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useSyncProgress } from '../api/live';
import classes from './StatusBar.module.css';
import { TeamSessionIndicator } from './TeamSessionIndicator';

const connectionText: Record<ConnectionState, { label: string; hint: string }> = {
  connecting: { label: 'Connecting…', hint: 'Opening the live event stream to the console core.' },
  connected: { label: 'Live', hint: 'Changes from the core arrive as they happen.' },
  disconnected: {
    label: 'Offline',
    hint: 'The live stream to the console core is down. Cached screens still work; it reconnects by itself.',
  },
};

function ConnectionIndicator() {
  const state = useConnectionState();
  const { label, hint } = connectionText[state];
  return (
    <Tooltip label={hint} multiline w={260} position="top-start">
      <Group gap={6} wrap="nowrap" className={classes.item} data-testid="connection-state" data-state={state}>
        <span className={classes.dot} data-state={state} />
        <Text size="xs">{label}</Text>
      </Group>
    </Tooltip>
  );
}

const phaseLabel: Record<SyncProgress['phase'], string> = {
  idle: 'Idle',
  directories: 'Syncing directories',
  groups: 'Syncing groups',
  users: 'Syncing users',
  memberships: 'Syncing memberships',
  events: 'Reading events',
  applying: 'Applying changes',
  done: 'Synced',
  failed: 'Sync failed',
  cancelled: 'Sync cancelled',
};

function SyncIndicator({ lastSyncAt }: { lastSyncAt: string | null }) {
  const progress = useSyncProgress();
  const now = useNow();
  const running = progress && !['idle', 'done', 'failed', 'cancelled'].includes(progress.phase);

  if (progress && running) {
    const pct = progress.totalItems ? Math.min(100, (progress.items / progress.totalItems) * 100) : null;
    const waiting = progress.rateLimitWaitMs > 0;
    return (
      <Group gap={8} wrap="nowrap" className={classes.item} data-testid="sync-state" data-phase={progress.phase}>
        {waiting ? (
          <IconClockPause size={13} className={classes.warn} />
        ) : (
          <IconLoader2 size={13} className={classes.spin} />
        )}
        <Text size="xs">
          {phaseLabel[progress.phase]} · {formatNumber(progress.items)}
          {progress.totalItems ? ` / ${formatNumber(progress.totalItems)}` : ''}
          {progress.etaMs !== null ? ` · ETA ${formatDuration(progress.etaMs)}` : ''}
        </Text>
        {pct !== null && <Progress value={pct} size={4} w={80} radius="xl" aria-label="Sync progress" />}
        {waiting && (
          <Text size="xs" className={classes.warn}>
            Waiting {formatDuration(progress.rateLimitWaitMs)} for the WorkOS rate limit
          </Text>
        )}
        {progress.message?.startsWith('waiting for WorkOS') && (
          <Text size="xs" className={classes.warn} data-testid="sync-retry" lineClamp={1}>
            {progress.message}
          </Text>
        )}
      </Group>
    );
  }

  if (progress?.phase === 'failed') {
    return (
      <Tooltip label={progress.message ?? 'The last sync did not finish.'} multiline w={300} position="top">
        <Group gap={6} wrap="nowrap" className={classes.item} data-testid="sync-state" data-phase="failed">
          <IconAlertTriangle size={13} className={classes.error} />
          <Text size="xs" className={classes.error}>
            Sync failed{lastSyncAt ? ` · last good ${formatRelative(lastSyncAt, now)}` : ''}
          </Text>
        </Group>
      </Tooltip>
    );
  }

  return (
    <Group
      gap={6}
      wrap="nowrap"
      className={classes.item}
      data-testid="sync-state"
      data-phase={progress?.phase ?? 'idle'}
    >
      <IconCheck size={13} className={lastSyncAt ? classes.ok : classes.muted} />
      <Text size="xs">{lastSyncAt ? `Synced ${formatRelative(lastSyncAt, now)}` : 'Not synced yet'}</Text>
    </Group>
  );
}

/** The bottom line: connection, active profile, sync state, what the cache holds, version. */
export function StatusBar() {
  const profile = useActiveProfile();
  const info = useAppInfo();
  const dataId = dataProfileIdOf(profile);
  const remote = profile?.kind === 'team-server';
  const health = useApiQuery('getHealthSummary', dataId ? { profileId: dataId } : {}, { enabled: !!dataId });
  const summary = health.data;

  return (
    <AppShell.Footer className={classes.bar} component="footer" aria-label="Status">
      <Group gap={0} wrap="nowrap" className={classes.left}>
        <ConnectionIndicator />
        <TeamSessionIndicator />
        {profile && (
          <Group gap={6} wrap="nowrap" className={classes.item} data-testid="status-profile">
            <Text size="xs" fw={550}>
              {profile.name}
            </Text>
            {profile.isDemo && (
              <Text size="xs" c="grape">
                demo data
              </Text>
            )}
          </Group>
        )}
        <SyncIndicator lastSyncAt={summary?.lastSyncAt ?? null} />
      </Group>
      <Group gap={0} wrap="nowrap">
        {summary && (
          <Tooltip
            label={
              remote
                ? "What the team server's cache holds (nothing is cached here)"
                : 'What the local cache holds for this profile'
            }
            position="top-end"
          >
            <Group gap={6} wrap="nowrap" className={classes.item} data-testid="status-counts">
              <IconDatabase size={13} className={classes.muted} />
              <Text size="xs" className="tabular">
                {formatCompact(summary.directories)} directories · {formatCompact(summary.users)} users ·{' '}
                {formatCompact(summary.groups)} groups
              </Text>
            </Group>
          </Tooltip>
        )}
        {info.data && (
          <Text size="xs" c="dimmed" className={classes.item}>
            v{info.data.version} · {info.data.transport === 'electron' ? 'desktop' : 'web console'}
          </Text>
        )}
      </Group>
    </AppShell.Footer>
  );
}
