/** Directory, period and "include deleted" for the Inactive screen, with the count of what they match. */
import { Group, Select, Switch, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useApiQuery } from '../../api/queries';
import { INACTIVE_PERIODS, type InactiveFilters, type InactivePeriod } from './inactive-filters';

export function InactiveFilterBar({
  profileId,
  filters,
  onChange,
  count,
}: {
  profileId: string | null;
  filters: InactiveFilters;
  onChange(patch: Partial<InactiveFilters>): void;
  /** "120 users", or nothing while the first page loads. */
  count: ReactNode;
}) {
  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  return (
    <Group gap="xs">
      <Select
        w={220}
        placeholder="All directories"
        clearable
        searchable
        data={(directories.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        value={filters.directory}
        onChange={(v) => onChange({ directory: v })}
        aria-label="Directory"
        data-testid="inactive-directory-filter"
      />
      <Select
        w={280}
        data={INACTIVE_PERIODS.map((p) => ({ value: p.value, label: p.label }))}
        value={filters.period}
        onChange={(v) => onChange({ period: (v ?? 'any') as InactivePeriod })}
        allowDeselect={false}
        aria-label="Inactive since"
        data-testid="inactive-period-filter"
      />
      <Switch
        label="Include users deleted by WorkOS"
        checked={filters.includeDeleted}
        onChange={(e) => onChange({ includeDeleted: e.currentTarget.checked })}
        size="xs"
        data-testid="inactive-include-deleted"
      />
      <Text size="xs" c="dimmed" ml="auto" className="tabular" data-testid="inactive-count">
        {count}
      </Text>
    </Group>
  );
}
