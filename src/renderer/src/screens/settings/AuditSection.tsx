import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditEntry } from '../../../../shared/api';
import { callApi } from '../../api/queries';
import { useTeamSession } from '../../app/team-session';
import { SettingsSection } from '../../components/SettingsSection';
import { LoadMore } from '../../components/LoadMore';
import { QueryState } from '../../components/QueryState';
import { exportFileName, toCsv, type CsvColumn } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import { useApiPages } from '../../api/queries';

const columns: CsvColumn<AuditEntry>[] = [
  { header: 'time', value: (r) => r.at },
  { header: 'actor', value: (r) => r.actor },
  { header: 'role', value: (r) => r.role },
  { header: 'client address', value: (r) => r.clientAddress },
  { header: 'action', value: (r) => r.action },
  { header: 'target', value: (r) => r.target },
  { header: 'outcome', value: (r) => r.outcome },
  { header: 'details', value: (r) => JSON.stringify(r.details) },
];

/** All pages matching the filters, for the CSV (at most 50,000 rows). */
async function exportAll(filters: Filters): Promise<void> {
  const rows: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await callApi('listAuditLog', { ...filters, limit: 1000, ...(cursor ? { cursor } : {}) });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < 50_000);
  downloadText(exportFileName('audit-log'), toCsv(rows, columns), 'text/csv');
}

type Filters = { actor?: string; action?: string; target?: string };

function clean(f: Filters): Filters {
  const out: Filters = {};
  for (const [k, v] of Object.entries(f)) if (v && v.trim()) out[k as keyof Filters] = v.trim();
  return out;
}

/** Team server admins: who looked at whom, who changed what; filters and CSV export. */
export function AuditSection() {
  const session = useTeamSession();
  if (session?.role !== 'admin') return null;
  return <AuditLog />;
}

function AuditLog() {
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const pages = useApiPages('listAuditLog', { ...filters, limit: 100 });
  const rows = pages.items;
  return (
    <SettingsSection
      title="Audit log"
      description="Who viewed which person or group, who exported what, who changed settings or keys, from where."
      testId="settings-audit"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(clean(draft));
        }}
      >
        <Group gap="xs" align="end" mb="sm">
          <TextInput
            size="xs"
            label="Who (e-mail)"
            value={draft.actor ?? ''}
            onChange={(e) => setDraft({ ...draft, actor: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            label="Action"
            data-testid="audit-action"
            placeholder="getUser"
            value={draft.action ?? ''}
            onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            label="Target"
            placeholder="user:directory_user_…"
            value={draft.target ?? ''}
            onChange={(e) => setDraft({ ...draft, target: e.currentTarget.value })}
          />
          <Button size="xs" type="submit" data-testid="audit-apply">
            Filter
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            onClick={() => void exportAll(filters)}
            data-testid="audit-export"
          >
            Export CSV
          </Button>
        </Group>
      </form>
      <QueryState
        query={pages}
        rows={4}
        empty={
          <Text size="sm" c="dimmed">
            Nothing recorded{Object.keys(filters).length ? ' for these filters' : ' yet'}.
          </Text>
        }
      >
        {() => (
          <>
            <Table fz="xs" striped data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>From</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td className="tabular">{r.at.replace('T', ' ').slice(0, 19)}</Table.Td>
                    <Table.Td>
                      {r.actor} ({r.role ?? '–'})
                    </Table.Td>
                    <Table.Td className="mono">{r.action}</Table.Td>
                    <Table.Td className="mono">{r.target ?? ''}</Table.Td>
                    <Table.Td>{r.outcome}</Table.Td>
                    <Table.Td className="mono">{r.clientAddress ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <LoadMore query={pages} />
          </>
        )}
      </QueryState>
    </SettingsSection>
  );
}
