import { Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import type { SyncRun } from '../../../../shared/api';
import { formatDateTimeSeconds, formatNumber } from '../../lib/format';
import { isoToLocalSeconds } from '../../lib/local-time';

export type CompareMode = 'runs' | 'time';

export interface MomentSelection {
  mode: CompareMode;
  fromRun: string | null;
  toRun: string | null;
  /** `datetime-local` values (local time, no zone). */
  fromTime: string;
  toTime: string;
}

/** To the second, so runs a minute apart are told apart. */
export function isoToLocalInput(ms: number): string {
  return isoToLocalSeconds(new Date(ms).toISOString());
}

/** "Dec 5, 2026, 2:09:32 PM · events · 12 changes in Acme, Beta" (the status only when not a success). */
export function runLabel(r: SyncRun): string {
  const dirs = r.directories ?? [];
  const changes = dirs.reduce((n, d) => n + d.changes, 0);
  const where = dirs.map((d) => d.name ?? d.id);
  const shownWhere = where.length > 3 ? `${where.slice(0, 3).join(', ')} +${where.length - 3}` : where.join(', ');
  const what = r.directories
    ? changes > 0
      ? `${formatNumber(changes)} ${changes === 1 ? 'change' : 'changes'} in ${shownWhere}`
      : 'no changes'
    : `${formatNumber(r.changes)} changes`;
  const status = r.status === 'succeeded' ? '' : ` · ${r.status}`;
  return `${formatDateTimeSeconds(r.finishedAt ?? r.startedAt)} · ${r.kind}${status} · ${what}`;
}

/** Pick the two moments to compare: two sync runs, or two points in time. */
export function MomentPicker({
  value,
  onChange,
  runs,
}: {
  value: MomentSelection;
  onChange(next: MomentSelection): void;
  runs: SyncRun[];
}) {
  const runOptions = runs.map((r) => ({ value: r.id, label: runLabel(r) }));
  return (
    <Group gap="xs" wrap="wrap">
      <SegmentedControl
        value={value.mode}
        onChange={(m) => onChange({ ...value, mode: m as CompareMode })}
        data={[
          { value: 'runs', label: 'Two sync runs' },
          { value: 'time', label: 'Two points in time' },
        ]}
        aria-label="Compare"
        data-testid="compare-mode"
      />
      {value.mode === 'runs' ? (
        <>
          <Select
            w={420}
            data={runOptions}
            value={value.fromRun}
            onChange={(v) => onChange({ ...value, fromRun: v })}
            placeholder="From run"
            aria-label="From run"
            data-testid="from-run"
          />
          <Text size="sm" c="dimmed">
            →
          </Text>
          <Select
            w={420}
            data={runOptions}
            value={value.toRun}
            onChange={(v) => onChange({ ...value, toRun: v })}
            placeholder="To run"
            aria-label="To run"
            data-testid="to-run"
          />
        </>
      ) : (
        <>
          <TextInput
            type="datetime-local"
            step={1}
            w={220}
            value={value.fromTime}
            onChange={(e) => onChange({ ...value, fromTime: e.currentTarget.value })}
            aria-label="From"
            data-testid="from-time"
          />
          <Text size="sm" c="dimmed">
            →
          </Text>
          <TextInput
            type="datetime-local"
            step={1}
            w={220}
            value={value.toTime}
            onChange={(e) => onChange({ ...value, toTime: e.currentTarget.value })}
            aria-label="To"
            data-testid="to-time"
          />
        </>
      )}
    </Group>
  );
}
