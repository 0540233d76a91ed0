import { Box } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './Screen.module.css';

/** A screen fills the main area: a fixed header and a body that scrolls (or hosts a virtual list). */
export function Screen({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <Box className={classes.screen} data-testid={testId}>
      {children}
    </Box>
  );
}

/** The scrolling part of a screen. `flush` drops the padding for edge-to-edge tables. */
export function ScreenBody({ children, flush = false }: { children: ReactNode; flush?: boolean }) {
  return (
    <Box className={classes.body} data-flush={flush || undefined} data-testid="screen-body">
      {children}
    </Box>
  );
}
