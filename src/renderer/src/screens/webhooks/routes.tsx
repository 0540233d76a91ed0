import { Navigate, type RouteObject } from 'react-router';
import { DiffPanel } from './DiffPanel';
import { InboxPanel } from './InboxPanel';
import { SendPanel } from './SendPanel';
import { VerifyPanel } from './VerifyPanel';
import { WebhooksScreen } from './WebhooksScreen';

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
