import { Badge, Button } from '@mantine/core';
import type { ProfileSummary } from '../../../../shared/api';
import type { useProfileMutations } from '../../app/profile-mutations';

/** "active" for the profile in use, else a button that makes it the one in use. */
export function ProfileActivation({
  profile,
  activate,
}: {
  profile: ProfileSummary;
  activate: ReturnType<typeof useProfileMutations>['activate'];
}) {
  if (profile.active) {
    return (
      <Badge color="teal" size="sm">
        active
      </Badge>
    );
  }
  return (
    <Button
      size="compact-xs"
      variant="light"
      onClick={() => activate.mutate(profile.id)}
      loading={activate.isPending}
      data-testid="profile-activate"
    >
      Use
    </Button>
  );
}
