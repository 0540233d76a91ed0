/** Screens not built yet, each clearly marked with what it will hold and what it waits for. */
import type { RouteObject } from 'react-router';
import { PlaceholderScreen } from './PlaceholderScreen';

export const placeholderRoutes: RouteObject[] = [
  {
    path: 'groups/*',
    element: (
      <PlaceholderScreen
        id="groups"
        title="Groups"
        description="Groups with their members and membership history."
        comingWith="the sync engine's query API (issue 4)"
        features={['Member counts per group', 'Members, virtualized', 'Who was in a group on any date']}
      />
    ),
  },
  {
    path: 'changes',
    element: (
      <PlaceholderScreen
        id="changes"
        title="Changes"
        description="What changed between two points in time or two sync runs."
        comingWith="the change log of the sync engine (issue 4)"
        features={[
          'Membership diffs per group: users added and removed',
          'Attribute and state changes with before and after',
          'Users and groups created or deleted; filters and export',
        ]}
      />
    ),
  },
];
