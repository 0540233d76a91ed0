/** The four kinds of change as toggles that look on when on: filled with a check, aria-pressed. */
import { Button, Group } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { DiffKind } from './DiffView';

const KINDS: { value: DiffKind; label: string }[] = [
  { value: 'memberships', label: 'Memberships' },
  { value: 'fields', label: 'Attributes & states' },
  { value: 'users', label: 'Users' },
  { value: 'groups', label: 'Groups' },
];

export function KindFilter({ value, onChange }: { value: DiffKind[]; onChange(next: DiffKind[]): void }) {
  return (
    <Group gap={6} role="group" aria-label="Show only" data-testid="kind-filter">
      {KINDS.map((k) => {
        const on = value.includes(k.value);
        return (
          <Button
            key={k.value}
            size="compact-sm"
            radius="xl"
            variant={on ? 'filled' : 'default'}
            leftSection={on ? <IconCheck size={12} /> : null}
            aria-pressed={on}
            data-testid={`kind-${k.value}`}
            onClick={() => onChange(on ? value.filter((v) => v !== k.value) : [...value, k.value])}
          >
            {k.label}
          </Button>
        );
      })}
    </Group>
  );
}
