/** Net attribute and state changes, as a table whose rows render in chunks. */
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Diff } from '../../../../shared/api';
import { ValueText } from '../../components/ChangeList';
import { useProgressiveCount } from '../../lib/use-progressive-count';
import { ProgressiveRows } from '../../components/ProgressiveRows';
import { Section } from './diff-parts';

type FieldChange = Diff['fieldChanges'][number];

const renderFieldRow = (f: FieldChange) => (
  <Table.Tr key={`${f.entityId}:${f.field}`} data-testid="diff-field-row">
    <Table.Td>
      <Anchor
        component={Link}
        to={`/${f.entityType === 'user' ? 'users' : f.entityType === 'group' ? 'groups' : 'directories'}/${encodeURIComponent(f.entityId)}`}
        size="sm"
        title={`${f.entityType} id: ${f.entityId}`}
      >
        {f.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {f.entityType}
      </Text>
    </Table.Td>
    <Table.Td>
      <Text size="sm" className="mono">
        {f.field}
      </Text>
      {f.alsoAs && f.alsoAs.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="mirrored-note">
          also as {f.alsoAs.join(', ')} (WorkOS mirrors it)
        </Text>
      )}
    </Table.Td>
    <Table.Td>
      <ValueText value={f.before} />
    </Table.Td>
    <Table.Td>
      <ValueText value={f.after} />
    </Table.Td>
  </Table.Tr>
);

export function FieldChangesSection({ fieldChanges, count }: { fieldChanges: Diff['fieldChanges']; count: number }) {
  const shown = useProgressiveCount(fieldChanges.length, fieldChanges);
  return (
    <Section title="Attribute and state changes" count={count} testId="diff-fields">
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Entity</Table.Th>
            <Table.Th>Field</Table.Th>
            <Table.Th>Before</Table.Th>
            <Table.Th>After</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <ProgressiveRows items={fieldChanges} shown={shown} render={renderFieldRow} />
        </Table.Tbody>
      </Table>
    </Section>
  );
}
