/**
 * Today's WorkOS user shape (docs/workos-api.md §8): since 15 Apr 2026 `raw_attributes` is `{}`
 * and the legacy top-level `emails`, `username` and `job_title` are `[]`/null in the API,
 * webhooks and the Events API; `email` and `roles[]` carry what clients need. The generator
 * and scenarios build the full (pre-deprecation) record; `--legacy-fields` serves it as is.
 */
import type { WireDirectoryUser } from './wire.ts';

export function currentUserShape(user: WireDirectoryUser): WireDirectoryUser {
  return { ...user, emails: [], username: null, job_title: null, raw_attributes: {} };
}

/** The user as this emulator serves it: today's shape unless legacy fields were asked for. */
export function shapeUser(user: WireDirectoryUser, legacyFields: boolean): WireDirectoryUser {
  return legacyFields ? user : currentUserShape(user);
}
