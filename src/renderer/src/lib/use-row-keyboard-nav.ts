import type { KeyboardEvent } from 'react';

/**
 * Arrow keys move focus between rows of a table (rows carry tabIndex=0); Enter opens. Works for
 * plain and virtualized tables because it looks up the neighbouring rendered row in the DOM.
 */
export function rowKeyDown(onOpen: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const row = e.currentTarget;
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const rows = Array.from(row.parentElement?.querySelectorAll<HTMLElement>('[data-row]') ?? []);
      const next = rows[rows.indexOf(row) + (e.key === 'ArrowDown' ? 1 : -1)];
      next?.focus();
      next?.scrollIntoView({ block: 'nearest' });
    }
  };
}
