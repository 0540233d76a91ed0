import { Alert, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { DirectorySummary } from '../../../../shared/api';
import { formatDateTime, humanizeTimestamps } from '../../lib/format';

/** The directory's health in words: why, what to do, and how fresh its data is. */
export function HealthPanel({ directory: d }: { directory: DirectorySummary }) {
  const asOf = d.dataAsOf ? `Data as of ${formatDateTime(d.dataAsOf)}` : 'No data synced yet';
  if (d.reasons.length === 0)
    return (
      <Alert
        variant="light"
        color="teal"
        icon={<IconCircleCheck size={18} />}
        title="Healthy"
        data-testid="health-reasons"
      >
        <Text size="sm">Linked, syncing on schedule, and the last sync succeeded. {asOf}.</Text>
      </Alert>
    );
  return (
    <Alert
      variant="light"
      color={d.verdict === 'critical' ? 'red' : 'yellow'}
      icon={<IconAlertTriangle size={18} />}
      title={d.verdict === 'critical' ? 'This directory needs attention' : 'Worth a look'}
      data-testid="health-reasons"
    >
      <Stack gap={6}>
        <List size="sm" spacing={2}>
          {d.reasons.map((r) => (
            <List.Item key={r}>{humanizeTimestamps(r)}</List.Item>
          ))}
        </List>
        <Text size="sm" fw={600} data-testid="data-as-of">
          {asOf}
          {d.dataAsOf && d.dataAsOf !== d.lastFullSyncAt ? ': later syncs only re-read that frozen data.' : '.'}
        </Text>
        {d.advice.length > 0 && (
          <div data-testid="health-advice">
            <Text size="sm" fw={600}>
              What to do
            </Text>
            <List size="sm" spacing={2}>
              {d.advice.map((a) => (
                <List.Item key={a}>{a}</List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
