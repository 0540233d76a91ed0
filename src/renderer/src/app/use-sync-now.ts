import { useMutation } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { callApi } from '../api/queries';
import { useSyncProgress } from '../api/live';
import { useProfileId } from './session';

const finishedPhases = new Set(['idle', 'done', 'failed', 'cancelled']);

/** "Sync now" for the active profile; says why when the core declines (e.g. already running). */
export function useSyncNow() {
  const profileId = useProfileId();
  const progress = useSyncProgress();
  const running = !!progress && progress.profileId === profileId && !finishedPhases.has(progress.phase);
  const mutation = useMutation({
    mutationFn: () => callApi('startSync', { profileId: profileId! }),
    onSuccess: (result) => {
      if (!result.started) notifications.show({ color: 'gray', title: 'Sync not started', message: result.message });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Sync could not start', message: e.message }),
  });
  return { syncNow: () => mutation.mutate(), starting: mutation.isPending, running, disabled: !profileId };
}
