/**
 * The renderer root: Mantine (theme, colour scheme from the UI store), notifications,
 * react-query, and the router.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient } from './app/query-client';
import { router } from './app/router';
import { theme } from './app/theme';
import { contrastResolver } from './app/theme-contrast';
import { uiStoreColorSchemeManager } from './state/color-scheme-manager';

const colorSchemeManager = uiStoreColorSchemeManager();

export function App() {
  return (
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      cssVariablesResolver={contrastResolver}
    >
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
