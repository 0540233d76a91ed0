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
];
