import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { callApi } from '../api/queries';

/**
 * Signing this machine in to a team server: the core starts the sign-in and gives the server's
 * address to open; the person signs in there (the IdP's page, then "Connect"), and the session
 * comes back to the core by itself, which refreshes the profile list. In the desktop app the
 * address opens in the system browser.
 */
export function useTeamSignIn() {
  return useMutation({
    mutationFn: async (profileId: string) => {
      const { signInUrl } = await callApi('beginTeamServerSignIn', { profileId });
      window.open(signInUrl, '_blank');
      return signInUrl;
    },
    onError: (e: Error) => notifications.show({ color: 'red', title: 'Sign-in could not start', message: e.message }),
  });
}
