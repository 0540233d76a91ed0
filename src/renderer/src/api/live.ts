/**
 * Push state from the core (sync progress, connection) exposed as hooks. Each stream is
 * subscribed once for the whole app and keeps its latest value, so a component mounted late
 * still sees the current state.
 */
import { useSyncExternalStore } from 'react';
import type { SyncProgress } from '../../../shared/api';
import { onConnectionChange, subscribe } from './client';

function createLatestValueStore<T>(initial: T, start: (set: (value: T) => void) => void) {
  let value = initial;
  let started = false;
  const listeners = new Set<() => void>();
  const ensureStarted = () => {
    if (started) return;
    started = true;
    start((next) => {
      value = next;
      listeners.forEach((l) => l());
    });
  };
  return {
    /** Listen from now on even before any component does, so no early report is missed. */
    start: ensureStarted,
    subscribe(listener: () => void) {
      ensureStarted();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => value,
  };
}

/** null until the event stream answers for the first time. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

const connectionStore = createLatestValueStore<ConnectionState>('connecting', (set) => {
  onConnectionChange((connected) => set(connected ? 'connected' : 'disconnected'));
});

// The client does not replay the current connection state to late listeners, and the stream
// may open (and report "ready") before the status bar mounts: listen from module load.
connectionStore.start();

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(connectionStore.subscribe, connectionStore.get);
}

const syncProgressStore = createLatestValueStore<SyncProgress | null>(null, (set) => {
  subscribe('syncProgress', set);
});

syncProgressStore.start();

/** The most recent sync progress report from the core, or null when none arrived yet. */
export function useSyncProgress(): SyncProgress | null {
  return useSyncExternalStore(syncProgressStore.subscribe, syncProgressStore.get);
}
