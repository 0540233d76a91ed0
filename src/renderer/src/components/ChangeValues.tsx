/** Before → after values of changed fields, one line per field, naming mirrored sources. */
import { Code, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ChangedField } from '../../../shared/api';
import classes from './ChangeList.module.css';

/** Renders a before/after value compactly: strings bare, everything else as JSON. */
export function ValueText({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return (
      <Text span c="dimmed" size="xs">
        none
      </Text>
    );
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <Tooltip label={text} disabled={text.length < 60} multiline w={400}>
      <Code className={classes.value}>{text.length > 80 ? `${text.slice(0, 80)}…` : text}</Code>
    </Tooltip>
  );
}

/** "Also custom_attributes.job_title": WorkOS sent the same change under both names. */
export function MirroredNote({ alsoAs }: { alsoAs: readonly string[] }) {
  if (alsoAs.length === 0) return null;
  return (
    <Text span size="xs" c="dimmed" data-testid="mirrored-note">
      (also as {alsoAs.join(', ')})
    </Text>
  );
}

export function FieldValues({ fields, showNames }: { fields: readonly ChangedField[]; showNames: boolean }) {
  return (
    <Stack gap={2} data-testid="changed-fields">
      {fields.map((f) => (
        <Group key={f.field ?? ''} gap={6} wrap="nowrap" className={classes.values} data-testid="changed-field">
          {showNames && (
            <Text size="xs" className="mono" fw={550}>
              {f.field ?? '?'}
            </Text>
          )}
          <ValueText value={f.before} />
          <IconArrowRight size={12} className={classes.arrow} />
          <ValueText value={f.after} />
          <MirroredNote alsoAs={f.alsoAs} />
        </Group>
      ))}
    </Stack>
  );
}
