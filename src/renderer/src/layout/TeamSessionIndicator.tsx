import { Button, Group, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconServer } from '@tabler/icons-react';
import { useSignOut, useTeamSession } from '../app/team-session';
import classes from './StatusBar.module.css';

/** On a team server, or connected to one: where the data comes from, who is signed in, sign-out. */
export function TeamSessionIndicator() {
  const session = useTeamSession();
  const signOut = useSignOut();
  if (!session) return null;
  const hint =
    session.mode === 'connected'
      ? 'This console shows the team server’s data: the server holds the API key and syncs; nothing is synced or kept here.'
      : 'Data comes from this team server; it holds the API key and syncs for everyone.';
  return (
    <Group
      gap={6}
      wrap="nowrap"
      className={classes.item}
      data-testid="team-session"
      data-role={session.role}
      data-mode={session.mode}
    >
      <Tooltip label={hint} multiline w={280} position="top">
        <Group gap={4} wrap="nowrap">
          <IconServer size={13} className={classes.muted} />
          <Text size="xs">
            Team server · {session.server} · signed in as {session.email ?? session.name ?? 'you'} ({session.role})
          </Text>
        </Group>
      </Tooltip>
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() =>
          void signOut(session).catch((e: Error) =>
            notifications.show({ color: 'red', title: 'Sign-out failed', message: e.message }),
          )
        }
        data-testid="sign-out"
      >
        Sign out
      </Button>
    </Group>
  );
}
