/** Alerts seen this far (newest first) and, per profile, whether they also go to the desktop. */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { DEFAULT_DEPROVISION_SHARE, type Alert } from './detect';

export interface AlertEntry extends Alert {
  id: string;
  profileId: string;
  at: number;
}

interface AlertState {
  entries: AlertEntry[];
  /** Opt-in per profile: desktop notifications (the web Notification API). */
  desktop: Record<string, boolean>;
  /** Share of a directory's users removed at once that raises the mass-deprovision alarm. */
  deprovisionShare: number;
  add(profileId: string, alerts: Alert[]): AlertEntry[];
  clear(): void;
  setDesktop(profileId: string, on: boolean): void;
}

const MAX_ENTRIES = 50;

export const useAlertStore = create<AlertState>()(
  persist(
    (set) => ({
      entries: [],
      desktop: {},
      deprovisionShare: DEFAULT_DEPROVISION_SHARE,
      add: (profileId, alerts) => {
        const at = Date.now();
        const added = alerts.map((a, i) => ({ ...a, profileId, at, id: `${at}-${i}-${a.directoryId}` }));
        set((s) => ({ entries: [...added, ...s.entries].slice(0, MAX_ENTRIES) }));
        return added;
      },
      clear: () => set({ entries: [] }),
      setDesktop: (profileId, on) => set((s) => ({ desktop: { ...s.desktop, [profileId]: on } })),
    }),
    { name: 'dsync-console-alerts', storage: createJSONStorage(() => localStorage) },
  ),
);
