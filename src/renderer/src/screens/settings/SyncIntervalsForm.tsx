/**
 * The active profile's sync intervals: how often events are polled and how often a full
 * reconcile runs. Bounds come from the contract, so the form and the core agree on them; the
 * core's own message is shown if it still refuses.
 */
import { Button, Group, NumberInput, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SYNC_INTERVAL_LIMITS, type SyncIntervals } from '../../../../shared/api/sync-settings';
import { callApi, useApiQuery } from '../../api/queries';

const poll = SYNC_INTERVAL_LIMITS.eventsPollSeconds;
const reconcile = SYNC_INTERVAL_LIMITS.reconcileHours;

function problem(value: number | string, limits: { min: number; max: number }, unit: string): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return `A whole number of ${unit}.`;
  if (value < limits.min || value > limits.max)
    return `Between ${limits.min} and ${limits.max.toLocaleString()} ${unit}.`;
  return null;
}

export function SyncIntervalsForm({ profileId }: { profileId: string }) {
  const client = useQueryClient();
  const current = useApiQuery('getSyncIntervals', { profileId });
  const save = useMutation({
    mutationFn: (chosen: { eventsPollSeconds: number; reconcileHours: number }) =>
      callApi('setSyncIntervals', { profileId, ...chosen }),
    onSuccess: (saved: SyncIntervals) => {
      client.setQueryData(['getSyncIntervals', { profileId }], saved);
      void client.invalidateQueries({ queryKey: ['getSyncStatus'] });
    },
  });
  const data = current.data;
  if (!data) return null;
  // Keyed on the stored values: the fields start from them again after every save.
  return (
    <IntervalFields
      key={`${data.profileId}:${data.eventsPollSeconds}:${data.reconcileHours}`}
      stored={data}
      saving={save.isPending}
      saved={save.isSuccess}
      error={save.error?.message ?? null}
      onSave={(chosen) => save.mutate(chosen)}
    />
  );
}

interface IntervalFieldsProps {
  stored: SyncIntervals;
  saving: boolean;
  saved: boolean;
  error: string | null;
  onSave(chosen: { eventsPollSeconds: number; reconcileHours: number }): void;
}

function IntervalFields({ stored, saving, saved, error, onSave }: IntervalFieldsProps) {
  const [pollValue, setPollValue] = useState<number | string>(stored.eventsPollSeconds);
  const [reconcileValue, setReconcileValue] = useState<number | string>(stored.reconcileHours);
  const pollProblem = problem(pollValue, poll, 'seconds');
  const reconcileProblem = problem(reconcileValue, reconcile, 'hours');
  const changed = pollValue !== stored.eventsPollSeconds || reconcileValue !== stored.reconcileHours;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!pollProblem && !reconcileProblem)
          onSave({ eventsPollSeconds: Number(pollValue), reconcileHours: Number(reconcileValue) });
      }}
      data-testid="sync-intervals"
    >
      <Group align="flex-start" gap="md" mt="md" wrap="wrap">
        <NumberInput
          label="Poll events every"
          description={`seconds (default ${stored.defaults.eventsPollSeconds})`}
          value={pollValue}
          onChange={setPollValue}
          min={poll.min}
          max={poll.max}
          allowDecimal={false}
          error={pollProblem}
          w={200}
          data-testid="events-poll-seconds"
        />
        <NumberInput
          label="Full reconcile every"
          description={`hours (default ${stored.defaults.reconcileHours})`}
          value={reconcileValue}
          onChange={setReconcileValue}
          min={reconcile.min}
          max={reconcile.max}
          allowDecimal={false}
          error={reconcileProblem}
          w={200}
          data-testid="reconcile-hours"
        />
        <Button
          type="submit"
          variant="default"
          mt={42}
          leftSection={<IconDeviceFloppy size={14} />}
          disabled={!changed || !!pollProblem || !!reconcileProblem}
          loading={saving}
          data-testid="save-sync-intervals"
        >
          Save intervals
        </Button>
      </Group>
      {error && (
        <Text size="sm" c="red" mt="xs" role="alert">
          {error}
        </Text>
      )}
      {saved && !changed && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="sync-intervals-saved">
          Saved. The next events poll follows the new interval.
        </Text>
      )}
    </form>
  );
}
