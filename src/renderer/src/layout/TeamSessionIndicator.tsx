import { Button, Group, Text, Tooltip } from '@mantine/core';
import { IconServer } from '@tabler/icons-react';
import { signOut, useTeamSession } from '../app/team-session';
import classes from './StatusBar.module.css';

/** On a team server: where the data comes from, who is signed in with which role, sign-out. */
export function TeamSessionIndicator() {
  const session = useTeamSession();
  if (!session) return null;
  return (
    <Group gap={6} wrap="nowrap" className={classes.item} data-testid="team-session" data-role={session.role}>
      <Tooltip label="Data comes from this team server; it holds the API key and syncs for everyone." position="top">
        <Group gap={4} wrap="nowrap">
          <IconServer size={13} className={classes.muted} />
          <Text size="xs">Team server {session.server}</Text>
        </Group>
      </Tooltip>
      <Text size="xs" c="dimmed">
        {session.email ?? session.name ?? 'signed in'} ({session.role})
      </Text>
      <Button size="compact-xs" variant="subtle" onClick={() => void signOut()} data-testid="sign-out">
        Sign out
      </Button>
    </Group>
  );
}
