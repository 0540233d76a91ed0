/**
 * UI state only (never server data): theme preference, navigation rail, command palette
 * history. Persisted to localStorage so the console opens the way it was left.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ColorSchemePreference = 'light' | 'dark' | 'auto';

export interface UiState {
  /** 'auto' follows the operating system until the user picks one. */
  colorScheme: ColorSchemePreference;
  navCollapsed: boolean;
  /** Most recent palette picks, newest first, so Ctrl+K opens on what was used last. */
  recentPaletteItems: RecentPaletteItem[];
  /** Column ids shown per table, e.g. `users`; absent means the table's defaults. */
  tableColumns: Record<string, string[]>;
  setTableColumns(table: string, columns: string[]): void;
  setColorScheme(value: ColorSchemePreference): void;
  toggleNav(): void;
  rememberPaletteItem(item: RecentPaletteItem): void;
}

export interface RecentPaletteItem {
  id: string;
  label: string;
  description?: string;
  path: string;
}

const MAX_RECENT = 6;

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      colorScheme: 'auto',
      navCollapsed: false,
      recentPaletteItems: [],
      tableColumns: {},
      setTableColumns: (table, columns) => set((s) => ({ tableColumns: { ...s.tableColumns, [table]: columns } })),
      setColorScheme: (colorScheme) => set({ colorScheme }),
      toggleNav: () => set((s) => ({ navCollapsed: !s.navCollapsed })),
      rememberPaletteItem: (item) =>
        set((s) => ({
          recentPaletteItems: [item, ...s.recentPaletteItems.filter((r) => r.id !== item.id)].slice(0, MAX_RECENT),
        })),
    }),
    {
      name: 'dsync-console.ui',
      version: 1,
      storage: createJSONStorage(() => window.localStorage),
      partialize: (s) => ({
        colorScheme: s.colorScheme,
        navCollapsed: s.navCollapsed,
        recentPaletteItems: s.recentPaletteItems,
        tableColumns: s.tableColumns,
      }),
    },
  ),
);
