/**
 * A list of change-log entries in words: "Ann Lee joined group Engineering", "job title:
 * Engineer → Staff Engineer". Every entity shows its name (a deleted one its last known name,
 * marked deleted) and links to its page with its id on hover. Used by directory detail, user and
 * group timelines, and Changes.
 */
import { Anchor, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconMinus, IconPencil, IconPlus, IconToggleLeft, type Icon } from '@tabler/icons-react';
import { createContext, useContext, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Change, HistoryRef } from '../../../shared/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { useNow } from '../lib/use-now';
import { FieldValues, ValueText } from './ChangeValues';
import classes from './ChangeList.module.css';

export { ValueText };

const kindLook: Record<Change['kind'], { icon: Icon; color: string; label: string }> = {
  added: { icon: IconPlus, color: 'teal', label: 'added' },
  removed: { icon: IconMinus, color: 'red', label: 'removed' },
  changed: { icon: IconPencil, color: 'blue', label: 'changed' },
  state_changed: { icon: IconToggleLeft, color: 'orange', label: 'state changed' },
};

/** Names for ids the caller already knows (e.g. the user's current groups), when a row carries none. */
const NamesContext = createContext<ReadonlyMap<string, string>>(new Map());

type EntityType = 'user' | 'group' | 'directory';

export function entityPath(type: EntityType, id: string): string {
  const base = type === 'user' ? '/users/' : type === 'group' ? '/groups/' : '/directories/';
  return `${base}${encodeURIComponent(id)}`;
}

/** An entity by name, its id on hover; a deleted one says so. */
export function EntityLink({ type, id, entity }: { type: EntityType; id: string; entity?: HistoryRef | null }) {
  const names = useContext(NamesContext);
  const name = entity?.name ?? names.get(id) ?? null;
  return (
    <Group gap={4} component="span" wrap="nowrap" display="inline-flex">
      <Anchor
        component={Link}
        to={entityPath(type, id)}
        size="sm"
        className={name ? undefined : 'mono'}
        title={`${type} id: ${id}`}
        data-entity-id={id}
        data-testid="entity-link"
        onClick={(e) => e.stopPropagation()}
      >
        {name ?? id}
      </Anchor>
      {entity?.deleted && (
        <Badge size="xs" color="red" variant="light" data-testid="deleted-badge">
          deleted
        </Badge>
      )}
    </Group>
  );
}

function presenceText(change: Change): string {
  // The log says when the console learnt of it; WorkOS's own created_at is another moment.
  if (change.kind === 'added') return change.baseline ? 'first seen by this console' : 'appeared in the directory';
  if (change.kind === 'removed') return 'deleted at WorkOS';
  return change.fields ? `${change.fields.length} fields changed` : change.field ? `· ${change.field}` : 'changed';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function Subject({ change, ownId }: { change: Change; ownId?: string }) {
  if (change.entityType === 'membership') {
    // On the group's own page the group goes without saying.
    const own = change.groupId === ownId;
    return (
      <Group gap={4} wrap="wrap">
        {change.userId ? <EntityLink type="user" id={change.userId} entity={change.user} /> : <Text size="sm">?</Text>}
        <Text size="sm">
          {change.kind === 'removed' ? (own ? 'left' : 'left group') : own ? 'joined' : 'joined group'}
        </Text>
        {own ? null : change.groupId ? (
          <EntityLink type="group" id={change.groupId} entity={change.group} />
        ) : (
          <Text size="sm">?</Text>
        )}
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="wrap">
      <Text size="sm">{change.entityType}</Text>
      <EntityLink type={change.entityType} id={change.entityId} entity={change.entity} />
      <Text size="sm">{presenceText(change)}</Text>
    </Group>
  );
}

/** The line of a row on an entity's own page, where the entity goes without saying. */
function OwnLine({ change }: { change: Change }): ReactNode {
  if (change.entityType === 'membership') {
    return (
      <Group gap={4} wrap="wrap">
        <Text size="sm">{change.kind === 'removed' ? 'Left group' : 'Joined group'}</Text>
        {change.groupId && <EntityLink type="group" id={change.groupId} entity={change.group} />}
      </Group>
    );
  }
  const text =
    change.kind === 'added' || change.kind === 'removed'
      ? capitalise(presenceText(change))
      : change.fields
        ? `${change.fields.length} fields changed`
        : (change.field ?? 'Changed');
  return <Text size="sm">{text}</Text>;
}

export function ChangeRow({
  change,
  showSubject = true,
  ownId,
}: {
  change: Change;
  showSubject?: boolean;
  /** The entity whose page this is: rows about it leave its name out. */
  ownId?: string;
}) {
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
        {showSubject && !(ownId && change.entityId === ownId) ? (
          <Subject change={change} ownId={ownId} />
        ) : (
          <OwnLine change={change} />
        )}
        {hasValues && (
          <FieldValues
            fields={
              change.fields ?? [
                { field: change.field, kind: 'changed', before: change.before, after: change.after, alsoAs: [] },
              ]
            }
            showNames={!!change.fields}
          />
        )}
      </Stack>
      <Stack gap={0} align="flex-end" className={classes.meta}>
        <Tooltip label={formatDateTime(change.at)}>
          <Text size="xs" c="dimmed" className="tabular">
            {formatRelative(change.at, now)}
          </Text>
        </Tooltip>
        <Group gap={4}>
          <Badge size="xs" color="gray" variant="light" title={change.eventId ?? change.runId ?? undefined}>
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
  footer,
  testId,
  ownId,
}: {
  changes: Change[];
  showSubject?: boolean;
  names?: ReadonlyMap<string, string>;
  /** A last row after the changes (e.g. "Created at WorkOS"). */
  footer?: ReactNode;
  testId?: string;
  /** The entity whose page this is (see ChangeRow). */
  ownId?: string;
}) {
  const list = (
    <div className={classes.list} data-testid={testId}>
      {changes.map((c) => (
        <ChangeRow key={c.seq} change={c} showSubject={showSubject} ownId={ownId} />
      ))}
      {footer}
    </div>
  );
  return names ? <NamesContext.Provider value={names}>{list}</NamesContext.Provider> : list;
}

/** A row that is not a change-log entry: a moment from the record itself (e.g. its WorkOS creation). */
export function MomentRow({ label, at, testId }: { label: string; at: string; testId?: string }) {
  const now = useNow();
  return (
    <div className={classes.row} data-testid={testId}>
      <span className={classes.icon} data-color="teal">
        <IconPlus size={13} />
      </span>
      <Text size="sm" flex={1}>
        {label}
      </Text>
      <Tooltip label={formatDateTime(at)}>
        <Text size="xs" c="dimmed" className="tabular">
          {formatRelative(at, now)}
        </Text>
      </Tooltip>
    </div>
  );
}
