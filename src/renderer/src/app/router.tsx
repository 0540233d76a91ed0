/**
 * Routes. A browser router, so every screen has a real URL: deep links survive reloads
 * (the web console serves index.html for every non-/api path; Electron's app:// does too).
 * Screens are lazy chunks (see lazy-screens.tsx); AppLayout shows a loading state meanwhile.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../layout/AppLayout';
import {
  ChangesScreen,
  DirectoriesScreen,
  DirectoryDetailScreen,
  GroupDetailScreen,
  GroupsScreen,
  InactiveScreen,
  SettingsScreen,
  UserDetailScreen,
  UsersScreen,
  preloadScreenFor,
} from './lazy-screens';
import { NotFoundScreen } from '../screens/NotFoundScreen';
import { webhooksRoute } from '../screens/webhooks/routes';
import { RouteError } from './RouteError';

preloadScreenFor(window.location.pathname);

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/directories" replace /> },
          { path: 'directories', element: <DirectoriesScreen /> },
          { path: 'directories/:directoryId', element: <DirectoryDetailScreen /> },
          { path: 'users', element: <UsersScreen /> },
          { path: 'users/:userId', element: <UserDetailScreen /> },
          { path: 'inactive', element: <InactiveScreen /> },
          { path: 'changes', element: <ChangesScreen /> },
          { path: 'groups', element: <GroupsScreen /> },
          { path: 'groups/:groupId', element: <GroupDetailScreen /> },
          webhooksRoute,
          { path: 'settings', element: <SettingsScreen /> },
          { path: '*', element: <NotFoundScreen /> },
        ],
      },
    ],
  },
]);
