import { Badge, Group, Menu, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconFlask, IconKey, IconSelector, IconSettings } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useActiveProfile, useProfiles } from '../app/session';
import { useProfileMutations } from '../app/profile-mutations';
import classes from './ProfileMenu.module.css';

/** Which profile (WorkOS account or the built-in Demo) the console is showing. */
export function ProfileMenu({ collapsed }: { collapsed: boolean }) {
  const profiles = useProfiles();
  const active = useActiveProfile();
  const navigate = useNavigate();
  const { activate } = useProfileMutations();

  if (!active) {
    return profiles.isPending ? <Skeleton height={38} radius="md" /> : null;
  }
  const Icon = active.isDemo ? IconFlask : IconKey;

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
            <Icon size={14} stroke={1.8} />
          </span>
          {!collapsed && (
            <>
              <span className={classes.text}>
                <Text size="sm" fw={550} truncate>
                  {active.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {active.isDemo ? 'Demo data · built-in emulator' : (active.maskedKey ?? 'No API key')}
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
            leftSection={p.isDemo ? <IconFlask size={15} /> : <IconKey size={15} />}
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
