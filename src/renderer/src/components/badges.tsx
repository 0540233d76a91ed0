/** Small badges used across screens, so a state or verdict looks the same everywhere. */
import { Badge, Tooltip } from '@mantine/core';
import type { HealthVerdict } from '../../../shared/api';
import { humanizeTimestamps } from '../lib/format';

export const verdictColor: Record<HealthVerdict, string> = {
  healthy: 'teal',
  warning: 'yellow',
  critical: 'red',
  unknown: 'gray',
};

export function VerdictBadge({ verdict, reasons }: { verdict: HealthVerdict; reasons?: string[] }) {
  const badge = (
    <Badge color={verdictColor[verdict]} variant="light" size="sm" data-testid="verdict-badge" data-verdict={verdict}>
      {verdict}
    </Badge>
  );
  if (!reasons?.length) return badge;
  return (
    <Tooltip label={reasons.map(humanizeTimestamps).join('\n')} multiline w={320} style={{ whiteSpace: 'pre-line' }}>
      {badge}
    </Tooltip>
  );
}

const directoryStateColor: Record<string, string> = {
  linked: 'teal',
  active: 'teal',
  validating: 'blue',
  invalid_credentials: 'red',
  unlinked: 'gray',
  deleting: 'orange',
  inactive: 'gray',
};

export function DirectoryStateBadge({ state }: { state: string }) {
  return (
    <Badge color={directoryStateColor[state] ?? 'gray'} variant="dot" size="sm" tt="none" fw={500}>
      {state.replace(/_/g, ' ')}
    </Badge>
  );
}

const userStateColor: Record<string, string> = {
  active: 'teal',
  inactive: 'gray',
  suspended: 'orange',
  deleted: 'red',
};

export function UserStateBadge({ state }: { state: string }) {
  return (
    <Badge color={userStateColor[state] ?? 'gray'} variant="light" size="sm" data-testid="user-state">
      {state}
    </Badge>
  );
}

/** Readable provider names for WorkOS `Directory.type` values; unknown types show as sent. */
const providerNames: Record<string, string> = {
  'azure scim v2.0': 'Entra ID · SCIM',
  'okta scim v2.0': 'Okta · SCIM',
  'gsuite directory': 'Google Workspace',
  'generic scim v2.0': 'Generic SCIM',
  'jump cloud scim v2.0': 'JumpCloud · SCIM',
  'onelogin scim v2.0': 'OneLogin · SCIM',
  'rippling scim v2.0': 'Rippling · SCIM',
  'pingfederate scim v2.0': 'PingFederate · SCIM',
  'cyberark scim v2.0': 'CyberArk · SCIM',
  'sailpoint scim v2.0': 'SailPoint · SCIM',
  bamboohr: 'BambooHR',
  'breathe hr': 'Breathe HR',
  'cezanne hr': 'Cezanne HR',
  'fourth hr': 'Fourth HR',
  'people hr': 'PeopleHR',
  hibob: 'HiBob',
  personio: 'Personio',
  workday: 'Workday',
  'sftp workday': 'Workday · SFTP',
  sftp: 'SFTP',
  s3: 'S3',
};

export function providerLabel(type: string): string {
  return providerNames[type] ?? type;
}
