import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, type ApiInput } from '../api/queries';

/** Profile writes. Switching profile changes what every screen shows, so it refreshes all. */
export function useProfileMutations() {
  const client = useQueryClient();
  // A profile's status (its key's source, the last verdict) moves with its row.
  const refreshProfiles = () =>
    Promise.all(['listProfiles', 'listProfileStatuses'].map((m) => client.invalidateQueries({ queryKey: [m] })));
  const fail = (title: string) => (e: Error) => notifications.show({ color: 'red', title, message: e.message });

  return {
    create: useMutation({
      mutationFn: (input: ApiInput<'createProfile'>) => callApi('createProfile', input),
      onSuccess: (p) => {
        void refreshProfiles();
        notifications.show({
          color: 'teal',
          title: 'Profile added',
          message: `${p.name} · key ${p.maskedKey ?? 'stored'}`,
        });
      },
    }),
    update: useMutation({
      mutationFn: (input: ApiInput<'updateProfile'>) => callApi('updateProfile', input),
      onSuccess: () => void refreshProfiles(),
    }),
    remove: useMutation({
      mutationFn: (profileId: string) => callApi('deleteProfile', { profileId }),
      onSuccess: () => void client.invalidateQueries(),
      onError: fail('The profile could not be removed'),
    }),
    activate: useMutation({
      mutationFn: (profileId: string) => callApi('setActiveProfile', { profileId }),
      onSuccess: (p) => {
        void client.invalidateQueries();
        notifications.show({ color: 'indigo', title: 'Profile switched', message: `Now showing ${p.name}.` });
      },
      onError: fail('The profile could not be activated'),
    }),
    test: useMutation({
      mutationFn: (input: ApiInput<'testConnection'>) => callApi('testConnection', input),
    }),
  };
}
