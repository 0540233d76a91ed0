import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { callApi, useApiQuery } from '../api/queries';

/**
 * Signing this machine in to a team server: the core starts the sign-in and gives the server's
 * address to open; the person signs in there (the IdP's page, then "Connect"), and the session
 * comes back to the core by itself. The core announces it with `dataChanged`; while a sign-in
 * is pending the status is also polled, so a missed event (the tab was in the background, the
 * stream reconnecting) never leaves the banner up. In the desktop app the address opens in the
 * system browser.
 */
export function useTeamSignIn(profileId: string) {
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: async () => {
      const { signInUrl } = await callApi('beginTeamServerSignIn', { profileId });
      window.open(signInUrl, '_blank');
      return signInUrl;
    },
    onError: (e: Error) => notifications.show({ color: 'red', title: 'Sign-in could not start', message: e.message }),
  });
  const status = useApiQuery(
    'getTeamServerStatus',
    { profileId },
    { enabled: start.isSuccess, refetchInterval: (q) => (q.state.data?.signedIn ? false : 1_000) },
  );
  const signedIn = start.isSuccess && status.data?.signedIn === true;
  useEffect(() => {
    if (signedIn) void client.invalidateQueries();
  }, [signedIn, client]);
  return start;
}
