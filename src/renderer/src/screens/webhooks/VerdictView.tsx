import { Alert, Badge, Card, Code, Group, Stack, Table, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleMinus,
  IconCircleX,
  IconInfoCircle,
  IconShieldCheck,
  IconShieldX,
} from '@tabler/icons-react';
import type { DiagnosticStatus, WebhookDiagnostic, WebhookVerdict } from '../../../../shared/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import classes from './VerdictView.module.css';

const statusLook: Record<DiagnosticStatus, { color: string; icon: typeof IconCircleCheck; label: string }> = {
  pass: { color: 'teal', icon: IconCircleCheck, label: 'passed' },
  fail: { color: 'red', icon: IconCircleX, label: 'failed' },
  warn: { color: 'yellow', icon: IconAlertTriangle, label: 'warning' },
  info: { color: 'blue', icon: IconInfoCircle, label: 'info' },
  skipped: { color: 'gray', icon: IconCircleMinus, label: 'skipped' },
};

function DiagnosticRow({ d }: { d: WebhookDiagnostic }) {
  const look = statusLook[d.status];
  const Icon = look.icon;
  const facts = Object.entries(d.facts);
  // Raw facts (givenCount, matchedSecret…) are debugging detail: one click away, never beside the explanation.
  const [showFacts, setShowFacts] = useState(false);
  return (
    <div className={classes.step} data-status={d.status} data-testid={`diagnostic-${d.step}`}>
      <ThemeIcon variant="light" color={look.color} size={22} radius="xl" role="img" aria-label={look.label}>
        <Icon size={14} />
      </ThemeIcon>
      <Stack gap={2} miw={0} flex={1}>
        <Text size="sm" fw={550}>
          {d.title}
        </Text>
        {d.detail && (
          <Text size="xs" c="dimmed">
            {d.detail}
          </Text>
        )}
        {facts.length > 0 && (
          <UnstyledButton
            onClick={() => setShowFacts((v) => !v)}
            className={classes.factsToggle}
            aria-expanded={showFacts}
            data-testid="facts-toggle"
          >
            <Text size="xs" c="dimmed">
              {showFacts ? 'Hide details' : `Details (${facts.length})`}
            </Text>
          </UnstyledButton>
        )}
        {facts.length > 0 && showFacts && (
          <Group gap={4} mt={2}>
            {facts.map(([k, v]) => (
              <Code key={k} className={classes.fact}>
                {k}: {String(v)}
              </Code>
            ))}
          </Group>
        )}
      </Stack>
    </div>
  );
}

/** The verdict on one delivery: the answer first, then the checklist that explains it. */
export function VerdictView({ verdict }: { verdict: WebhookVerdict }) {
  return (
    <Stack gap="sm" data-testid="verdict" data-valid={verdict.valid}>
      <Alert
        variant="light"
        color={verdict.valid ? 'teal' : 'red'}
        icon={verdict.valid ? <IconShieldCheck size={20} /> : <IconShieldX size={20} />}
        title={
          <Group gap={8}>
            <span>{verdict.valid ? 'Signature valid' : 'Signature not valid'}</span>
            <Badge color={verdict.valid ? 'teal' : 'red'} variant="outline" size="sm" className="mono">
              {verdict.reason}
            </Badge>
          </Group>
        }
      >
        <Text size="sm">{verdict.message}</Text>
        {verdict.matchedSecret !== null && (
          // The alert's own text colour: dimmed grey on the dark teal alert measured 3.92:1.
          <Text size="xs" mt={4}>
            Verified with secret #{verdict.matchedSecret + 1}.
          </Text>
        )}
      </Alert>

      {verdict.bodyMutation && (
        <Card padding="sm" bg="var(--app-surface)" data-testid="body-mutation">
          <Text size="sm" fw={600}>
            The body was changed after WorkOS signed it
          </Text>
          <Text size="sm" c="dimmed" mt={2}>
            {verdict.bodyMutation.description}
          </Text>
          <Group gap={4} mt={6}>
            {verdict.bodyMutation.changes.map((c) => (
              <Badge key={c} color="orange" size="sm" className="mono">
                {c}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed" mt={8}>
            The bytes WorkOS signed (verify these, before any parsing):
          </Text>
          <Code block className={classes.signedBody}>
            {verdict.bodyMutation.signedBody}
          </Code>
        </Card>
      )}

      <Card padding="sm" bg="var(--app-surface)">
        <Title order={3} fz="sm" mb={6}>
          Checklist
        </Title>
        <Stack gap={0}>
          {verdict.diagnostics.map((d) => (
            <DiagnosticRow key={d.step} d={d} />
          ))}
        </Stack>
      </Card>

      {verdict.sdkError && (
        <Card padding="sm" bg="var(--app-surface)">
          <Text size="xs" c="dimmed" mb={4}>
            What the WorkOS Node SDK says, verbatim
          </Text>
          <Code block data-testid="sdk-error">
            {verdict.sdkError}
          </Code>
        </Card>
      )}

      {verdict.event && (
        <Card padding="sm" bg="var(--app-surface)" data-testid="event-summary">
          <Title order={3} fz="sm" mb={6}>
            Event
          </Title>
          <Table withRowBorders={false} verticalSpacing={3} fz="sm">
            <Table.Tbody>
              {(
                [
                  ['Type', verdict.event.type],
                  ['Event id', verdict.event.id],
                  ['Created', verdict.event.createdAt ? formatDateTime(verdict.event.createdAt) : null],
                  ['Subject', verdict.event.label],
                  ['Directory', verdict.event.directoryId],
                  ['Changed', verdict.event.changedAttributes.join(', ') || null],
                  ['Body size', `${formatNumber(verdict.bodyBytes)} bytes`],
                ] as const
              )
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Td w={110} c="dimmed">
                      {k}
                    </Table.Td>
                    <Table.Td className={k === 'Event id' || k === 'Directory' ? 'mono' : undefined}>{v}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
