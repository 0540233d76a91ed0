import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { IconServer } from '@tabler/icons-react';
import type { ProfileSummary } from '../../../shared/api';
import { useActiveProfile } from '../app/session';
import { useTeamSignIn } from '../app/team-sign-in';

/** With a team-server profile active but not signed in: why nothing shows, and the way in. */
export function TeamSignInBanner() {
  const active = useActiveProfile();
  if (active?.kind !== 'team-server' || active.team?.signedIn) return null;
  return <SignInPrompt profile={active} />;
}

function SignInPrompt({ profile: active }: { profile: ProfileSummary }) {
  const signIn = useTeamSignIn(active.id);
  return (
    <Alert variant="light" color="indigo" icon={<IconServer size={16} />} m="md" mb={0} data-testid="team-sign-in">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div>
          <Text size="sm">
            <b>{active.name}</b> reads from the team server <span className="mono">{active.apiBaseUrl}</span>. Sign in
            with your company account to see its data.
          </Text>
          {active.team?.message && (
            <Text size="xs" c="dimmed" data-testid="team-sign-in-message">
              {active.team.message}
            </Text>
          )}
          {signIn.data && (
            <Text size="xs" c="dimmed">
              Finish in the window that opened, or{' '}
              <Anchor href={signIn.data} target="_blank" size="xs">
                open the sign-in page
              </Anchor>
              .
            </Text>
          )}
        </div>
        <Button onClick={() => signIn.mutate()} loading={signIn.isPending} data-testid="team-sign-in-button">
          Sign in
        </Button>
      </Group>
    </Alert>
  );
}
