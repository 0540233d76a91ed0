import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconHistory } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Diff, LatestChanges } from '../../../../shared/api';
import { callApi, useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { exportFileName } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import { formatDateTimeSeconds } from '../../lib/format';
import { localInputToIso } from '../../lib/local-time';
import { diffToCsv } from './diff-csv';
import { DiffView, type DiffKind } from './DiffView';
import { KindFilter } from './KindFilter';
import { isoToLocalInput, MomentPicker, runLabel, type MomentSelection } from './MomentPicker';
import { DIFF_LIST_LIMIT } from './diff-list-limit';

function isEmpty(d: Diff): boolean {
  if (d.counts) return Object.values(d.counts).every((n) => n === 0);
  return (
    d.memberships.length +
      d.usersAdded.length +
      d.usersRemoved.length +
      d.groupsAdded.length +
      d.groupsRemoved.length +
      d.fieldChanges.length ===
    0
  );
}

export function ChangesScreen() {
  const profileId = useProfileId();
  const [directoryId, setDirectoryId] = useState<string | null>(null);
  const runs = useApiQuery('listSyncRuns', { profileId: profileId ?? '', limit: 100 }, { enabled: !!profileId });
  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  const latest = useApiQuery(
    'getLatestChanges',
    { profileId: profileId ?? '', ...(directoryId ? { directoryId } : {}) },
    { enabled: !!profileId },
  );
  const finishedRuns = useMemo(() => (runs.data ?? []).filter((r) => r.status !== 'running'), [runs.data]);
  const [fallbackTimes] = useState(() => ({
    fromTime: isoToLocalInput(Date.now() - 24 * 3600_000),
    toTime: isoToLocalInput(Date.now() + 60_000),
  }));
  // Until the user picks: the newest interval that has changes (never "nothing changed" while
  // the log has changes), else the last 24 h.
  const [chosen, setSelection] = useState<MomentSelection | null>(null);
  const interval = latest.data?.interval ?? null;
  const selection: MomentSelection = chosen ?? {
    mode: 'time',
    fromTime: interval ? isoToLocalInput(Date.parse(interval.from)) : fallbackTimes.fromTime,
    // Rounded up to the next second: the interval's last change stays inside.
    toTime: interval ? isoToLocalInput(Date.parse(interval.to) + 999) : fallbackTimes.toTime,
    toRun: finishedRuns[0]?.id ?? null,
    fromRun: finishedRuns[1]?.id ?? null,
  };
  const [kinds, setKinds] = useState<DiffKind[]>([]);

  const moments =
    selection.mode === 'runs'
      ? selection.fromRun && selection.toRun
        ? { from: { runId: selection.fromRun }, to: { runId: selection.toRun } }
        : null
      : (() => {
          const from = localInputToIso(selection.fromTime);
          const to = localInputToIso(selection.toTime);
          return from && to ? { from: { at: from }, to: { at: to } } : null;
        })();
  const waitingForDefault = !chosen && latest.isPending;
  const diff = useApiQuery(
    'getDiff',
    {
      profileId: profileId ?? '',
      from: moments?.from ?? { at: '' },
      to: moments?.to ?? { at: '' },
      ...(directoryId ? { directoryId } : {}),
      limit: DIFF_LIST_LIMIT,
    },
    { enabled: !!profileId && !!moments && !waitingForDefault, placeholderData: (p) => p },
  );
  // The screen shows the first entries of each list; the export asks for all of them.
  const exportAll = async () => {
    if (!profileId || !moments) return;
    const full = await callApi('getDiff', {
      profileId,
      from: moments.from,
      to: moments.to,
      ...(directoryId ? { directoryId } : {}),
    });
    downloadText(exportFileName('changes'), diffToCsv(full), 'text/csv');
  };

  return (
    <Screen testId="screen-changes">
      <PageHeader
        title="Changes"
        description="What changed between two sync runs or two points in time: memberships per group, attributes and states, users and groups created or deleted."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={14} />}
            disabled={!diff.data || isEmpty(diff.data)}
            onClick={() => void exportAll()}
            data-testid="export-changes"
          >
            Export CSV
          </Button>
        }
      >
        <Stack gap="xs">
          <MomentPicker value={selection} onChange={setSelection} runs={finishedRuns} />
          <Group gap="xs">
            <Select
              w={220}
              placeholder="All directories"
              clearable
              data={(directories.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={directoryId}
              onChange={setDirectoryId}
              aria-label="Directory"
            />
            <KindFilter value={kinds} onChange={setKinds} />
          </Group>
          {!chosen && latest.data && <LatestNote latest={latest.data} />}
        </Stack>
      </PageHeader>
      <ScreenBody>
        {!moments ? (
          <EmptyView icon={<IconHistory size={22} />} title="Pick two moments to compare" />
        ) : (
          <QueryState
            query={diff}
            rows={6}
            isEmpty={isEmpty}
            empty={
              <EmptyView
                icon={<IconHistory size={22} />}
                title="Nothing changed between these two moments"
                description="Widen the interval, or compare older sync runs."
              />
            }
          >
            {(data) => <DiffView diff={data} kinds={kinds} />}
          </QueryState>
        )}
      </ScreenBody>
    </Screen>
  );
}

/** Says which interval the screen opened on, and that nothing changed after it. */
function LatestNote({ latest }: { latest: LatestChanges }) {
  const i = latest.interval;
  return (
    <Text size="sm" c="dimmed" data-testid="latest-changes-note">
      {i
        ? i.run
          ? `Showing the last sync with changes: ${runLabel(i.run)} (no changes since).`
          : `Showing the last changes: ${formatDateTimeSeconds(i.lastChangeAt)}${i.source === 'webhook' ? ', received by webhook' : ''} (no changes since).`
        : 'Nothing has changed since the first sync; showing the last 24 hours.'}
    </Text>
  );
}
