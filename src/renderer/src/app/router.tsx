/**
 * Routes. A browser router, so every screen has a real URL: deep links survive reloads
 * (the web console serves index.html for every non-/api path; Electron's app:// does too).
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../layout/AppLayout';
import { DirectoriesScreen } from '../screens/directories/DirectoriesScreen';
import { DirectoryDetailScreen } from '../screens/directories/DirectoryDetailScreen';
import { NotFoundScreen } from '../screens/NotFoundScreen';
import { UserDetailScreen } from '../screens/users/UserDetailScreen';
import { UsersScreen } from '../screens/users/UsersScreen';
import { InactiveScreen } from '../screens/inactive/InactiveScreen';
import { ChangesScreen } from '../screens/changes/ChangesScreen';
import { GroupDetailScreen } from '../screens/groups/GroupDetailScreen';
import { GroupsScreen } from '../screens/groups/GroupsScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { webhooksRoute } from '../screens/webhooks/routes';
import { RouteError } from './RouteError';

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
