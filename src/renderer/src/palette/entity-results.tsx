/**
 * Entity search for the palette. The core has no search method yet (it arrives with the
 * sync engine's query API), so this answers with a status line saying so.
 */
import type { ReactNode } from 'react';

export interface PaletteEntity {
  id: string;
  label: string;
  description?: string;
  path: string;
  icon: ReactNode;
  badge?: string;
}

export interface PaletteEntityResults {
  groups: { label: string; items: PaletteEntity[] }[];
  /** A line shown under the results: searching, failed, or not available. */
  status: string | null;
}

export function usePaletteEntityResults(query: string): PaletteEntityResults {
  const trimmed = query.trim();
  return {
    groups: [],
    status: trimmed.length >= 2 ? 'Searching users, groups and directories arrives with the sync engine.' : null,
  };
}
