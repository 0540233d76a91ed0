import { Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import type { SyncRun } from '../../../../shared/api';
import { formatDateTime } from '../../lib/format';

export type CompareMode = 'runs' | 'time';

export interface MomentSelection {
  mode: CompareMode;
  fromRun: string | null;
  toRun: string | null;
  /** `datetime-local` values (local time, no zone). */
  fromTime: string;
  toTime: string;
}

/** `2026-11-23T10:00` (local) ⇄ ISO instant. */
export function localInputToIso(value: string): string | null {
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function isoToLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function runLabel(r: SyncRun): string {
  return `${formatDateTime(r.finishedAt ?? r.startedAt)} · ${r.kind} · ${r.status}${r.changes ? ` · ${r.changes} changes` : ''}`;
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
            w={330}
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
            w={330}
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
            w={200}
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
            w={200}
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
