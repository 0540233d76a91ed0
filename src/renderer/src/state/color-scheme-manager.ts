/**
 * Lets Mantine read and write its colour scheme through the zustand UI store, so the theme
 * preference lives in one place and is persisted with the rest of the UI state.
 */
import { isMantineColorScheme, type MantineColorSchemeManager } from '@mantine/core';
import { useUiStore } from './ui-store';

export function uiStoreColorSchemeManager(): MantineColorSchemeManager {
  let unsubscribe: (() => void) | null = null;
  return {
    get: (defaultValue) => {
      const value = useUiStore.getState().colorScheme;
      return isMantineColorScheme(value) ? value : defaultValue;
    },
    set: (value) => useUiStore.getState().setColorScheme(value),
    subscribe: (onUpdate) => {
      unsubscribe?.();
      unsubscribe = useUiStore.subscribe((state, previous) => {
        if (state.colorScheme !== previous.colorScheme) onUpdate(state.colorScheme);
      });
    },
    unsubscribe: () => {
      unsubscribe?.();
      unsubscribe = null;
    },
    clear: () => useUiStore.getState().setColorScheme('auto'),
  };
}
