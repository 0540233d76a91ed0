/**
 * Ctrl/Cmd+K: one box to jump anywhere. Sections and commands are filtered locally; entity
 * results (directories, users, groups) come from `usePaletteEntityResults` as the core's
 * search lands. Picks are remembered in the UI store so the palette opens on recent items.
 */
import { Badge, Group, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { IconArrowRight, IconClock, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useUiStore } from '../state/ui-store';
import classes from './CommandPalette.module.css';
import { usePaletteCommands, type PaletteCommand } from './commands';
import { usePaletteEntityResults } from './entity-results';
import { paletteStore, selectFirstAction } from './palette-store';

function matches(command: PaletteCommand, query: string): boolean {
  const haystack = [command.label, command.description ?? '', ...(command.keywords ?? [])].join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

function PaletteGroup({ label, children }: { label: string; children: ReactNode }) {
  return <Spotlight.ActionsGroup label={label}>{children}</Spotlight.ActionsGroup>;
}

export function CommandPalette() {
  const [query, setQuery] = useState('');
  const navigate = useNavigate();
  const recent = useUiStore((s) => s.recentPaletteItems);
  const remember = useUiStore((s) => s.rememberPaletteItem);
  const commands = usePaletteCommands();
  const entities = usePaletteEntityResults(query);
  const trimmed = query.trim();

  const visibleCommands = useMemo(
    () => (trimmed ? commands.filter((c) => matches(c, trimmed)) : commands),
    [commands, trimmed],
  );
  const grouped = useMemo(() => {
    const map = new Map<string, PaletteCommand[]>();
    for (const c of visibleCommands) map.set(c.group, [...(map.get(c.group) ?? []), c]);
    return [...map.entries()];
  }, [visibleCommands]);

  // The first result is preselected, so Enter opens it. Spotlight selects the first action when
  // the query changes, but entity results land later (debounced search): select again whenever
  // the list of results changes.
  const resultKey = [
    ...entities.groups.flatMap((g) => g.items.map((i) => i.id)),
    ...visibleCommands.map((c) => c.id),
  ].join('|');
  useEffect(() => {
    if (resultKey) selectFirstAction();
  }, [resultKey]);

  const nothing = visibleCommands.length === 0 && entities.groups.every((g) => g.items.length === 0);

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut="mod + K"
      scrollable
      maxHeight={440}
      size={600}
      radius="lg"
      classNames={{ content: classes.content, action: classes.action, actionsGroup: classes.group }}
      // The dialog has no visible title; this names it for screen readers (axe: aria-dialog-name).
      attributes={{ content: { 'aria-label': 'Command palette' } }}
    >
      <Spotlight.Search
        placeholder="Search directories, users, groups — or type a command"
        leftSection={<IconSearch size={17} stroke={1.7} />}
        aria-label="Search and commands"
        data-testid="palette-input"
      />
      <Spotlight.ActionsList>
        {!trimmed && recent.length > 0 && (
          <PaletteGroup label="Recent">
            {recent.map((item) => (
              <Spotlight.Action
                key={`recent:${item.id}`}
                label={item.label}
                description={item.description}
                leftSection={<IconClock size={16} stroke={1.6} />}
                onClick={() => navigate(item.path)}
              />
            ))}
          </PaletteGroup>
        )}
        {entities.groups.map(
          (group) =>
            group.items.length > 0 && (
              <PaletteGroup key={group.label} label={group.label}>
                {group.items.map((item) => (
                  <Spotlight.Action
                    key={item.id}
                    label={item.label}
                    description={item.description}
                    leftSection={item.icon}
                    rightSection={item.badge ? <Badge size="xs">{item.badge}</Badge> : undefined}
                    highlightQuery
                    data-testid="palette-entity"
                    onClick={() => {
                      remember({ id: item.id, label: item.label, description: item.description, path: item.path });
                      navigate(item.path);
                    }}
                  />
                ))}
              </PaletteGroup>
            ),
        )}
        {grouped.map(([group, items]) => (
          <PaletteGroup key={group} label={group}>
            {items.map((c) => (
              <Spotlight.Action
                key={c.id}
                label={c.label}
                description={c.description}
                leftSection={c.icon}
                rightSection={c.hint ? <kbd className={classes.kbd}>{c.hint}</kbd> : <IconArrowRight size={14} />}
                highlightQuery
                onClick={c.run}
              />
            ))}
          </PaletteGroup>
        ))}
        {entities.status && (
          <Text size="xs" c="dimmed" px="md" py={8} data-testid="palette-status">
            {entities.status}
          </Text>
        )}
        {nothing && !entities.status && <Spotlight.Empty>Nothing matches “{trimmed}”.</Spotlight.Empty>}
      </Spotlight.ActionsList>
      <Spotlight.Footer className={classes.footer}>
        <Group gap="md">
          <Text size="xs" c="dimmed">
            <kbd className={classes.kbd}>↑</kbd> <kbd className={classes.kbd}>↓</kbd> to move
          </Text>
          <Text size="xs" c="dimmed">
            <kbd className={classes.kbd}>Enter</kbd> to open
          </Text>
          <Text size="xs" c="dimmed">
            <kbd className={classes.kbd}>Esc</kbd> to close
          </Text>
        </Group>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
