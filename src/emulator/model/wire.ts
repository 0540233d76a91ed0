/**
 * Wire shapes exactly as WorkOS sends them (snake_case JSON), per the OpenAPI spec
 * (`@workos/openapi-spec`) and docs/workos-api.md §1–§2. Tests compare caches against these.
 */

export interface WireSlimRole {
  slug: string;
}

export interface WireDirectory {
  object: 'directory';
  id: string;
  organization_id: string;
  external_key: string;
  type: string;
  state: string;
  name: string;
  domain?: string;
  metadata: { users: { active: number; inactive: number }; groups: number };
  created_at: string;
  updated_at: string;
}

export interface WireDirectoryGroup {
  object: 'directory_group';
  id: string;
  idp_id: string;
  directory_id: string;
  organization_id: string;
  name: string;
  raw_attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface WireDirectoryUser {
  object: 'directory_user';
  id: string;
  directory_id: string;
  organization_id: string;
  idp_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  emails: { primary: boolean; type: string; value: string | null }[];
  job_title: string | null;
  username: string | null;
  state: 'active' | 'inactive';
  raw_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  role: WireSlimRole;
  roles: WireSlimRole[];
  created_at: string;
  updated_at: string;
}

export interface WireDirectoryUserWithGroups extends WireDirectoryUser {
  groups: WireDirectoryGroup[];
}

export interface WireOrganizationDomain {
  object: 'organization_domain';
  id: string;
  organization_id: string;
  domain: string;
  state: 'verified';
  verification_strategy: 'dns';
  created_at: string;
  updated_at: string;
}

export interface WireOrganization {
  object: 'organization';
  id: string;
  name: string;
  domains: WireOrganizationDomain[];
  metadata: Record<string, string>;
  external_id: string | null;
  allow_profiles_outside_organization: boolean;
  created_at: string;
  updated_at: string;
}

export interface WireEvent {
  object: 'event';
  id: string;
  event: string;
  data: Record<string, unknown>;
  created_at: string;
  context: Record<string, unknown>;
}

export interface WireList<T> {
  object: 'list';
  data: T[];
  list_metadata: { before: string | null; after: string | null };
}

export interface WireEventList {
  object: 'list';
  data: WireEvent[];
  list_metadata: { after: string | null };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
