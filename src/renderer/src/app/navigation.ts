/**
 * The console's sections, in navigation order. The sidebar, the command palette and the
 * Alt+digit shortcuts all read this list, so they cannot disagree.
 */
import {
  IconHistory,
  IconSettings,
  IconSitemap,
  IconUserOff,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
  type Icon,
} from '@tabler/icons-react';

export interface Section {
  id: string;
  label: string;
  path: string;
  icon: Icon;
  /** One line for the palette and tooltips. */
  description: string;
  /** Digit used with Alt to jump here. */
  shortcutDigit: number;
}

export const sections: readonly Section[] = [
  {
    id: 'directories',
    label: 'Directories',
    path: '/directories',
    icon: IconSitemap,
    description: 'Every directory with its health and last sync',
    shortcutDigit: 1,
  },
  {
    id: 'users',
    label: 'Users',
    path: '/users',
    icon: IconUsers,
    description: 'Search every cached user',
    shortcutDigit: 2,
  },
  {
    id: 'groups',
    label: 'Groups',
    path: '/groups',
    icon: IconUsersGroup,
    description: 'Groups, members and membership history',
    shortcutDigit: 3,
  },
  {
    id: 'changes',
    label: 'Changes',
    path: '/changes',
    icon: IconHistory,
    description: 'What changed between two points in time',
    shortcutDigit: 4,
  },
  {
    id: 'inactive',
    label: 'Inactive',
    path: '/inactive',
    icon: IconUserOff,
    description: 'Inactive and deleted users, for access reviews',
    shortcutDigit: 5,
  },
  {
    id: 'webhooks',
    label: 'Webhooks',
    path: '/webhooks',
    icon: IconWebhook,
    description: 'Verify payloads, inspect deliveries, replay',
    shortcutDigit: 6,
  },
  {
    id: 'settings',
    label: 'Settings',
    path: '/settings',
    icon: IconSettings,
    description: 'Profiles, sync intervals, appearance',
    shortcutDigit: 7,
  },
];

export const mainSections = sections.filter((s) => s.id !== 'settings');
export const settingsSection = sections.find((s) => s.id === 'settings')!;

/** The section a path belongs to, e.g. `/users/u_1` → Users. */
export function sectionForPath(pathname: string): Section | undefined {
  return sections.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`));
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const modKeyLabel = isMac ? '⌘' : 'Ctrl';
export const altKeyLabel = isMac ? '⌥' : 'Alt';
