import { Navigate, type RouteObject } from 'react-router';
import { DiffPanel, InboxPanel, SendPanel, VerifyPanel, WebhooksScreen } from '../../app/lazy-screens';

export const webhooksRoute: RouteObject = {
  path: 'webhooks',
  element: <WebhooksScreen />,
  children: [
    { index: true, element: <Navigate to="verify" replace /> },
    { path: 'verify', element: <VerifyPanel /> },
    { path: 'inbox', element: <InboxPanel /> },
    { path: 'inbox/:itemId', element: <InboxPanel /> },
    { path: 'diff', element: <DiffPanel /> },
    { path: 'send', element: <SendPanel /> },
  ],
};
