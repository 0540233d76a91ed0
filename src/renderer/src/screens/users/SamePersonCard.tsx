/** The same person in the profile's other directories: records with the same email. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { UserDetail } from '../../../../shared/api';
import { UserStateBadge } from '../../components/badges';

export function SamePersonCard({ records, email }: { records: NonNullable<UserDetail['sameEmail']>; email: string }) {
  return (
    <Card padding="md" bg="var(--app-surface)" data-testid="same-email">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="sm">
          Same email in other directories
        </Title>
        <Badge size="sm" variant="light">
          {records.length}
        </Badge>
      </Group>
      {records.length === 0 ? (
        <Text size="sm" c="dimmed">
          No other directory of this profile has a user with {email}.
        </Text>
      ) : (
        <Stack gap={6}>
          {records.map((r) => (
            <Group key={r.id} gap={8} wrap="nowrap" data-testid="same-email-record">
              <Anchor component={Link} to={`/users/${encodeURIComponent(r.id)}`} size="sm" title={`user id: ${r.id}`}>
                {r.displayName}
              </Anchor>
              <Text size="xs" c="dimmed">
                in
              </Text>
              <Anchor
                component={Link}
                to={`/directories/${encodeURIComponent(r.directoryId)}`}
                size="sm"
                title={`directory id: ${r.directoryId}`}
              >
                {r.directoryName}
              </Anchor>
              <UserStateBadge state={r.state} />
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
