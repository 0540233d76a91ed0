/** Row shapes of the current-state tables, exactly as SQLite returns them. */
export interface DirectoryRow {
  profile_id: string;
  id: string;
  organization_id: string;
  name: string;
  type: string;
  state: string;
  domain: string | null;
  external_key: string | null;
  created_at: string;
  updated_at: string;
  raw_json: string;
  first_seen_at: string;
  state_since: string;
  last_full_sync_at: string | null;
  last_full_sync_run_id: string | null;
  last_sync_status: string | null;
  last_sync_error: string | null;
  membership_strategy: string | null;
}

export interface UserRow {
  seq: number;
  profile_id: string;
  id: string;
  directory_id: string;
  organization_id: string | null;
  idp_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  username: string | null;
  job_title: string | null;
  state: string;
  custom_attributes: string;
  raw_json: string;
  created_at: string;
  updated_at: string;
  first_seen_at: string;
  state_since: string;
  state_since_observed: number;
  sort_name: string;
  search_text: string;
}

export interface GroupRow {
  seq: number;
  profile_id: string;
  id: string;
  directory_id: string;
  organization_id: string | null;
  idp_id: string;
  name: string;
  raw_json: string;
  created_at: string;
  updated_at: string;
  first_seen_at: string;
  sort_name: string;
}

export interface ChangeRow {
  seq: number;
  profile_id: string;
  at: string;
  entity_type: 'directory' | 'user' | 'group' | 'membership';
  entity_id: string;
  directory_id: string;
  kind: 'added' | 'removed' | 'changed' | 'state_changed';
  field: string | null;
  before_json: string | null;
  after_json: string | null;
  group_id: string | null;
  user_id: string | null;
  source: 'full_sync' | 'events' | 'webhook';
  run_id: string | null;
  event_id: string | null;
  baseline: number;
}

export interface TombstoneRow {
  seq: number;
  profile_id: string;
  entity_type: 'directory' | 'user' | 'group';
  entity_id: string;
  directory_id: string;
  last_record_json: string;
  removed_at: string;
  reason: string;
  source: string;
  run_id: string | null;
  restored_at: string | null;
}
