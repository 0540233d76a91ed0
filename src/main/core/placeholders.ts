/**
 * Until the sync engine and store exist these answer honestly: the only profile is the
 * built-in Demo, and the cache is empty (`source: 'none'`).
 */
import type { HealthService, ProfilesService } from './context.ts';

export const placeholderProfiles: ProfilesService = {
  list: () => [
    {
      id: 'demo',
      name: 'Demo',
      kind: 'demo',
      apiBaseUrl: 'built-in emulator',
      maskedKey: null,
      isDemo: true,
      active: true,
    },
  ],
};

export const placeholderHealth: HealthService = {
  summary: () => ({
    directories: 0,
    byVerdict: { healthy: 0, warning: 0, critical: 0, unknown: 0 },
    users: 0,
    groups: 0,
    lastSyncAt: null,
    source: 'none',
  }),
};
