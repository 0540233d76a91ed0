/**
 * A directory user's state: exactly the WorkOS spec's enum (DirectoryUser.state in
 * @workos/openapi-spec), in the spec's order. The CLI's `--state` and the Users screen's filter
 * both offer these and nothing else.
 */
export const USER_STATES = ['active', 'suspended', 'inactive'] as const;
export type UserState = (typeof USER_STATES)[number];

export const USER_STATE_LABELS: Record<UserState, string> = {
  active: 'Active',
  suspended: 'Suspended',
  inactive: 'Inactive',
};

export function isUserState(value: unknown): value is UserState {
  return typeof value === 'string' && (USER_STATES as readonly string[]).includes(value);
}
