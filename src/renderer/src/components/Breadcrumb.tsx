import { Anchor, Group, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Fragment } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  /** Where the crumb leads; the last crumb (the page itself) usually has none. */
  to?: string;
  /** The id behind the name, shown on hover (names are what people read; ids are one hover away). */
  id?: string;
}

/**
 * "Directories › Acme Okta": the way back to the list a detail page belongs to. Crumbs show
 * names, never raw ids; a crumb whose name is not known yet is left out rather than shown as an id.
 */
export function Breadcrumb({ to, label, trail = [] }: { to: string; label: string; trail?: (Crumb | null)[] }) {
  const crumbs = trail.filter((c): c is Crumb => c !== null && c.label !== '');
  return (
    <Group gap={4} wrap="nowrap" component="nav" aria-label="Breadcrumb" data-testid="breadcrumb" miw={0}>
      <Anchor component={Link} to={to} size="xs" c="dimmed">
        {label}
      </Anchor>
      {crumbs.map((c, i) => (
        <Fragment key={`${i}-${c.label}`}>
          <IconChevronRight size={11} color="var(--app-muted)" aria-hidden />
          {c.to ? (
            <Anchor component={Link} to={c.to} size="xs" c="dimmed" title={c.id} truncate>
              {c.label}
            </Anchor>
          ) : (
            <Text size="xs" c="dimmed" truncate title={c.id} aria-current="page">
              {c.label}
            </Text>
          )}
        </Fragment>
      ))}
    </Group>
  );
}
