/**
 * A short description of a webhook event (type, directory, user or group) from its parsed
 * body, and the key used to spot out-of-order deliveries for the same object.
 */
import type { WebhookEventSummary } from '../../shared/api/webhooks.ts';

type Json = { [key: string]: unknown };

function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function describeUser(user: Json | null): string {
  if (!user) return 'user';
  const email = str(user.email) ?? str(user.username);
  return `user ${str(user.id) ?? '?'}${email ? ` (${email})` : ''}`;
}

function describeGroup(group: Json | null): string {
  if (!group) return 'group';
  const name = str(group.name);
  return `group ${str(group.id) ?? '?'}${name ? ` (${name})` : ''}`;
}

/** Returns null when the value is not an object with at least an `event` or `id`. */
export function summarizeEvent(value: unknown): WebhookEventSummary | null {
  const root = obj(value);
  if (!root || (root.event === undefined && root.id === undefined)) return null;
  const type = str(root.event);
  const data = obj(root.data);
  const user = type?.startsWith('dsync.group.user_') ? obj(data?.user) : type?.startsWith('dsync.user.') ? data : null;
  const group = type?.startsWith('dsync.group.user_')
    ? obj(data?.group)
    : type?.startsWith('dsync.group.')
      ? data
      : null;
  const isDirectoryEvent = type === 'dsync.activated' || type === 'dsync.deleted' || type === 'dsync.deactivated';
  const directoryId = isDirectoryEvent ? str(data?.id) : (str(data?.directory_id) ?? str(user?.directory_id));
  const parts: string[] = [];
  if (user) parts.push(describeUser(user));
  if (group) parts.push(describeGroup(group));
  if (isDirectoryEvent) parts.push(`directory ${directoryId ?? '?'}${str(data?.name) ? ` (${str(data?.name)})` : ''}`);
  const previous = obj(data?.previous_attributes);
  return {
    id: str(root.id),
    type,
    createdAt: str(root.created_at),
    directoryId,
    organizationId: str(data?.organization_id) ?? str(user?.organization_id),
    userId: user ? str(user.id) : null,
    groupId: group ? str(group.id) : null,
    label: parts.length > 0 ? parts.join(' in ') : (type ?? 'event'),
    changedAttributes: previous ? Object.keys(previous) : [],
  };
}

/** The object an event is about, so two deliveries about the same thing can be ordered. */
export function entityKeyOf(summary: WebhookEventSummary): string | null {
  const type = summary.type ?? '';
  if (type.startsWith('dsync.group.user_') && summary.groupId && summary.userId) {
    return `membership:${summary.groupId}:${summary.userId}`;
  }
  if (type.startsWith('dsync.user.') && summary.userId) return `user:${summary.userId}`;
  if (type.startsWith('dsync.group.') && summary.groupId) return `group:${summary.groupId}`;
  if (summary.directoryId && (type === 'dsync.activated' || type === 'dsync.deactivated' || type === 'dsync.deleted')) {
    return `directory:${summary.directoryId}`;
  }
  return null;
}
