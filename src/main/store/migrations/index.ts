/** Every migration, in order. Append only; never edit one that has shipped. */
import { migration001 } from './001-initial-schema.ts';
import { migration002 } from './002-staging-to-temp.ts';
import { migration003 } from './003-webhook-inbox.ts';
import { migration004 } from './004-health-indexes.ts';
import { migration005 } from './005-drop-changes-by-run.ts';
import { migration006 } from './006-recent-changes-by-directory.ts';
import { migration007 } from './007-users-by-updated-and-email.ts';
import { migration008 } from './008-memberships-by-user-covering.ts';
import { migration009 } from './009-users-sort-keys-by-seq.ts';
import { migration010 } from './010-group-member-counts.ts';
import { migration011 } from './011-entity-index-without-memberships.ts';
import { migration012 } from './012-memberships-by-directory-user.ts';
import { migration013 } from './013-changes-by-run.ts';
import { migration014 } from './014-sync-run-warnings.ts';
import { migration015 } from './015-audit-log.ts';
import { migration016 } from './016-memberships-under-user-directory.ts';
import { migration017 } from './017-users-substring-search.ts';
import { migration018 } from './018-users-by-state-name.ts';
import { migration019 } from './019-directory-user-counts.ts';
import { migration020 } from './020-users-by-name-with-search-text.ts';
import { migration021 } from './021-user-search-index-per-transaction.ts';
import type { Migration } from './types.ts';

export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
];
export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
export type { Migration } from './types.ts';
