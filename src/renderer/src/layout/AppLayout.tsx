import { AppShell, Button, Center, EmptyState, useComputedColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { sections } from '../app/navigation';
import { useAppInfo, useProfiles } from '../app/session';
import { useLiveInvalidation } from '../api/use-live-invalidation';
import { LoadingState } from '../components/StateViews';
import { CommandPalette } from '../palette/CommandPalette';
import { useUiStore } from '../state/ui-store';
import classes from './AppLayout.module.css';
import { NavBar } from './NavBar';
import { StatusBar } from './StatusBar';
import { TeamSignInBanner } from './TeamSignInBanner';

type AppState = 'loading' | 'loaded' | 'error';

/** Tests and tooling wait on `data-app-state="loaded"` on #root, set once first data arrives. */
function useAppStateAttribute(state: AppState) {
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', state);
  }, [state]);
}

function useGlobalHotkeys() {
  const navigate = useNavigate();
  const toggleNav = useUiStore((s) => s.toggleNav);
  const setColorScheme = useUiStore((s) => s.setColorScheme);
  const computed = useComputedColorScheme('light');
  useHotkeys([
    ...sections.map((s): [string, () => void] => [`alt+${s.shortcutDigit}`, () => navigate(s.path)]),
    ['[', toggleNav],
    ['mod+shift+L', () => setColorScheme(computed === 'dark' ? 'light' : 'dark')],
  ]);
}

export function AppLayout() {
  const info = useAppInfo();
  const profiles = useProfiles();
  const collapsed = useUiStore((s) => s.navCollapsed);
  useLiveInvalidation();
  useGlobalHotkeys();

  const failed = info.error ?? profiles.error;
  const state: AppState = failed ? 'error' : info.data && profiles.data ? 'loaded' : 'loading';
  useAppStateAttribute(state);

  if (state === 'error') {
    return (
      <Center h="100dvh">
        <EmptyState
          variant="light"
          color="red"
          icon={<IconAlertTriangle size={22} />}
          title="The console could not start"
          description={failed?.message}
          data-testid="startup-error"
        >
          <EmptyState.Actions>
            <Button
              variant="default"
              leftSection={<IconRefresh size={14} />}
              onClick={() => {
                void info.refetch();
                void profiles.refetch();
              }}
            >
              Try again
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  }
  if (state === 'loading') {
    return (
      <Center h="100dvh">
        <LoadingState label="Starting the console…" />
      </Center>
    );
  }

  return (
    <AppShell
      navbar={{ width: collapsed ? 60 : 236, breakpoint: 0 }}
      footer={{ height: 27 }}
      padding={0}
      transitionDuration={120}
    >
      <NavBar />
      <AppShell.Main className={classes.main}>
        <TeamSignInBanner />
        {/* Screens are lazy chunks: a first visit waits for its code here, inside the shell. */}
        <Suspense fallback={<LoadingState rows={8} label="Loading the screen…" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <StatusBar />
      <CommandPalette />
    </AppShell>
  );
}
