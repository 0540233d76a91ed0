import { Badge, Group, Menu, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconFlask, IconKey, IconSelector, IconServer, IconSettings } from '@tabler/icons-react';
import type { ProfileSummary } from '../../../shared/api';
import { useNavigate } from 'react-router';
import { useActiveProfile, useProfiles } from '../app/session';
import { useProfileMutations } from '../app/profile-mutations';
import classes from './ProfileMenu.module.css';

function ProfileIcon({ p, size }: { p: ProfileSummary; size: number }) {
  if (p.isDemo) return <IconFlask size={size} stroke={1.8} />;
  return p.kind === 'team-server' ? <IconServer size={size} stroke={1.8} /> : <IconKey size={size} stroke={1.8} />;
}

function subtitleOf(p: ProfileSummary): string {
  if (p.isDemo) return 'Demo data · built-in emulator';
  if (p.kind === 'team-server') return `Team server · ${p.apiBaseUrl.replace(/^https?:\/\//, '')}`;
  return p.maskedKey ?? 'No API key';
}

/** Which profile (WorkOS account or the built-in Demo) the console is showing. */
export function ProfileMenu({ collapsed }: { collapsed: boolean }) {
  const profiles = useProfiles();
  const active = useActiveProfile();
  const navigate = useNavigate();
  const { activate } = useProfileMutations();

  if (!active) {
    return profiles.isPending ? <Skeleton height={38} radius="md" /> : null;
  }

  return (
    <Menu position={collapsed ? 'right-start' : 'bottom-start'} width={260}>
      <Menu.Target>
        <UnstyledButton
          className={classes.button}
          data-collapsed={collapsed || undefined}
          aria-label={collapsed ? `Profile: ${active.name}` : undefined}
          title={`Profile: ${active.name}`}
          data-testid="profile-menu"
        >
          <span className={classes.avatar} data-demo={active.isDemo || undefined}>
            <ProfileIcon p={active} size={14} />
          </span>
          {!collapsed && (
            <>
              <span className={classes.text}>
                <Text size="sm" fw={550} truncate>
                  {active.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {subtitleOf(active)}
                </Text>
              </span>
              <IconSelector size={14} className={classes.chevron} />
            </>
          )}
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Profiles</Menu.Label>
        {profiles.data?.map((p) => (
          <Menu.Item
            key={p.id}
            leftSection={<ProfileIcon p={p} size={15} />}
            rightSection={p.id === active.id ? <IconCheck size={14} /> : null}
            onClick={() => (p.id === active.id ? undefined : activate.mutate(p.id))}
            data-testid="profile-menu-item"
          >
            <Group gap={6} wrap="nowrap">
              <Text size="sm">{p.name}</Text>
              {p.isDemo && (
                <Badge size="xs" color="grape">
                  demo
                </Badge>
              )}
            </Group>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconSettings size={15} />} onClick={() => navigate('/settings')}>
          Manage profiles…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
