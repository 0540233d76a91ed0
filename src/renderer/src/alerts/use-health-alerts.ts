/**
 * Watches the directories the console already keeps fresh (live invalidation) and turns
 * health changes and mass deprovisions into alerts: listed in the panel, and sent to the
 * desktop when the profile opted in and the browser allows notifications.
 */
import { useEffect, useRef } from 'react';
import { useApiQuery } from '../api/queries';
import { useProfileId } from '../app/session';
import { useAlertStore } from './alert-store';
import { detectAlerts, type DirectoryLook } from './detect';

export function useHealthAlerts(): void {
  const profileId = useProfileId();
  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  const previous = useRef<{ profileId: string; looks: DirectoryLook[] } | null>(null);
  useEffect(() => {
    if (!profileId || !directories.data) return;
    const looks = directories.data.map((d) => ({
      id: d.id,
      name: d.name,
      verdict: d.verdict,
      users: d.users,
      synced: d.dataAsOf !== null,
    }));
    const before = previous.current?.profileId === profileId ? previous.current.looks : null;
    previous.current = { profileId, looks };
    if (!before) return;
    const store = useAlertStore.getState();
    const alerts = detectAlerts(before, looks, store.deprovisionShare);
    if (alerts.length === 0) return;
    const added = store.add(profileId, alerts);
    if (store.desktop[profileId] && typeof Notification !== 'undefined' && Notification.permission === 'granted')
      for (const a of added) new Notification(a.title, { body: a.body, tag: a.id });
  }, [profileId, directories.data]);
}
