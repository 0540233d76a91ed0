/**
 * Every screen is its own chunk, loaded when its route is first shown: the first screen no
 * longer parses the code of all the others (charts, the webhook workbench, the diff viewer),
 * which was 1.45 MB of JavaScript in one file. Chunks are not prefetched: over loopback a
 * screen's chunk arrives in milliseconds, while evaluating all of them in the background (the
 * charts alone are 0.4 MB) would land as long tasks in the middle of scrolling or typing.
 */
import { lazy, type ComponentType } from 'react';

/** A lazily loaded screen; `pick` names the export, since screens use named exports. */
function screen<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ComponentType {
  return lazy(() => load().then((m) => ({ default: pick(m) })));
}

/** First path segment → the chunk of the screen shown there (its index screen). */
const firstScreenChunks: Record<string, () => Promise<unknown>> = {
  '': () => import('../screens/directories/DirectoriesScreen'),
  directories: () => import('../screens/directories/DirectoriesScreen'),
  users: () => import('../screens/users/UsersScreen'),
  groups: () => import('../screens/groups/GroupsScreen'),
  changes: () => import('../screens/changes/ChangesScreen'),
  inactive: () => import('../screens/inactive/InactiveScreen'),
  settings: () => import('../screens/settings/SettingsScreen'),
};

/**
 * Starts loading the opened screen's chunk at once, in parallel with the app's first calls,
 * instead of after the shell has rendered (the lazy component then finds it loaded).
 */
export function preloadScreenFor(pathname: string): void {
  const segments = pathname.split('/').filter(Boolean);
  if (segments.length > 1) return; // detail pages: their chunk loads on render, as before
  void firstScreenChunks[segments[0] ?? '']?.().catch(() => undefined);
}

export const DirectoriesScreen = screen(
  () => import('../screens/directories/DirectoriesScreen'),
  (m) => m.DirectoriesScreen,
);
export const DirectoryDetailScreen = screen(
  () => import('../screens/directories/DirectoryDetailScreen'),
  (m) => m.DirectoryDetailScreen,
);
export const UsersScreen = screen(
  () => import('../screens/users/UsersScreen'),
  (m) => m.UsersScreen,
);
export const UserDetailScreen = screen(
  () => import('../screens/users/UserDetailScreen'),
  (m) => m.UserDetailScreen,
);
export const InactiveScreen = screen(
  () => import('../screens/inactive/InactiveScreen'),
  (m) => m.InactiveScreen,
);
export const ChangesScreen = screen(
  () => import('../screens/changes/ChangesScreen'),
  (m) => m.ChangesScreen,
);
export const GroupsScreen = screen(
  () => import('../screens/groups/GroupsScreen'),
  (m) => m.GroupsScreen,
);
export const GroupDetailScreen = screen(
  () => import('../screens/groups/GroupDetailScreen'),
  (m) => m.GroupDetailScreen,
);
export const SettingsScreen = screen(
  () => import('../screens/settings/SettingsScreen'),
  (m) => m.SettingsScreen,
);
export const WebhooksScreen = screen(
  () => import('../screens/webhooks/WebhooksScreen'),
  (m) => m.WebhooksScreen,
);
export const VerifyPanel = screen(
  () => import('../screens/webhooks/VerifyPanel'),
  (m) => m.VerifyPanel,
);
export const InboxPanel = screen(
  () => import('../screens/webhooks/InboxPanel'),
  (m) => m.InboxPanel,
);
export const DiffPanel = screen(
  () => import('../screens/webhooks/DiffPanel'),
  (m) => m.DiffPanel,
);
export const SendPanel = screen(
  () => import('../screens/webhooks/SendPanel'),
  (m) => m.SendPanel,
);
