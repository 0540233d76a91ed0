/**
 * A list of change-log entries in words: "user … state changed: active → inactive",
 * "added to group …". Entities link to their pages. Used by directory detail, user and group
 * timelines, and Changes.
 */
import { Anchor, Badge, Code, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconMinus, IconPencil, IconPlus, IconToggleLeft, type Icon } from '@tabler/icons-react';
import { createContext, useContext } from 'react';
import { Link } from 'react-router';
import type { Change } from '../../../shared/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { useNow } from '../lib/use-now';
import classes from './ChangeList.module.css';

const kindLook: Record<Change['kind'], { icon: Icon; color: string; label: string }> = {
  added: { icon: IconPlus, color: 'teal', label: 'added' },
  removed: { icon: IconMinus, color: 'red', label: 'removed' },
  changed: { icon: IconPencil, color: 'blue', label: 'changed' },
  state_changed: { icon: IconToggleLeft, color: 'orange', label: 'state changed' },
};

/** Renders a before/after value compactly: strings bare, everything else as JSON. */
export function ValueText({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return (
      <Text span c="dimmed" size="xs">
        none
      </Text>
    );
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <Tooltip label={text} disabled={text.length < 60} multiline w={400}>
      <Code className={classes.value}>{text.length > 80 ? `${text.slice(0, 80)}…` : text}</Code>
    </Tooltip>
  );
}

/** Names for ids the caller already knows (e.g. the user's current groups); others show the id. */
const NamesContext = createContext<ReadonlyMap<string, string>>(new Map());

function EntityLink({ type, id }: { type: 'user' | 'group' | 'directory'; id: string }) {
  const names = useContext(NamesContext);
  const path = type === 'user' ? '/users/' : type === 'group' ? '/groups/' : '/directories/';
  const name = names.get(id);
  return (
    <Anchor
      component={Link}
      to={`${path}${encodeURIComponent(id)}`}
      size="sm"
      className={name ? undefined : 'mono'}
      title={id}
      onClick={(e) => e.stopPropagation()}
    >
      {name ?? id}
    </Anchor>
  );
}

function Subject({ change }: { change: Change }) {
  if (change.entityType === 'membership') {
    return (
      <Group gap={4} wrap="wrap">
        <Text size="sm">user</Text>
        {change.userId ? <EntityLink type="user" id={change.userId} /> : <Text size="sm">?</Text>}
        <Text size="sm">{change.kind === 'removed' ? 'left group' : 'joined group'}</Text>
        {change.groupId ? <EntityLink type="group" id={change.groupId} /> : <Text size="sm">?</Text>}
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="wrap">
      <Text size="sm">{change.entityType}</Text>
      <EntityLink type={change.entityType} id={change.entityId} />
      <Text size="sm">
        {change.kind === 'added'
          ? 'created'
          : change.kind === 'removed'
            ? 'deleted'
            : change.field
              ? `· ${change.field}`
              : 'changed'}
      </Text>
    </Group>
  );
}

export function ChangeRow({ change, showSubject = true }: { change: Change; showSubject?: boolean }) {
  const now = useNow();
  const look = kindLook[change.kind];
  const Icon = look.icon;
  const hasValues = change.kind === 'changed' || change.kind === 'state_changed';
  return (
    <div className={classes.row} data-testid="change-row" data-kind={change.kind}>
      <span className={classes.icon} data-color={look.color}>
        <Icon size={13} />
      </span>
      <Stack gap={2} miw={0} flex={1}>
        {showSubject ? (
          <Subject change={change} />
        ) : (
          <Text size="sm">
            {change.entityType === 'membership'
              ? `${change.kind === 'removed' ? 'Left' : 'Joined'} group`
              : change.kind === 'added'
                ? 'Created'
                : change.kind === 'removed'
                  ? 'Deleted'
                  : `${change.field ?? 'Changed'}`}
            {change.entityType === 'membership' && change.groupId && (
              <>
                {' '}
                <EntityLink type="group" id={change.groupId} />
              </>
            )}
          </Text>
        )}
        {hasValues && (
          <Group gap={6} wrap="nowrap" className={classes.values}>
            <ValueText value={change.before} />
            <IconArrowRight size={12} className={classes.arrow} />
            <ValueText value={change.after} />
          </Group>
        )}
      </Stack>
      <Stack gap={0} align="flex-end" className={classes.meta}>
        <Tooltip label={formatDateTime(change.at)}>
          <Text size="xs" c="dimmed" className="tabular">
            {formatRelative(change.at, now)}
          </Text>
        </Tooltip>
        <Group gap={4}>
          {change.baseline && (
            <Badge size="xs" color="gray" variant="outline">
              first sync
            </Badge>
          )}
          <Badge size="xs" color="gray" variant="light">
            {change.source.replace('_', ' ')}
          </Badge>
        </Group>
      </Stack>
    </div>
  );
}

export function ChangeList({
  changes,
  showSubject = true,
  names,
}: {
  changes: Change[];
  showSubject?: boolean;
  names?: ReadonlyMap<string, string>;
}) {
  const list = (
    <div className={classes.list}>
      {changes.map((c) => (
        <ChangeRow key={c.seq} change={c} showSubject={showSubject} />
      ))}
    </div>
  );
  return names ? <NamesContext.Provider value={names}>{list}</NamesContext.Provider> : list;
}
