import { palette } from '../palette/palette-store';
import { AppShell, Group, NavLink, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand, IconSearch } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import {
  altKeyLabel,
  mainSections,
  modKeyLabel,
  sectionForPath,
  settingsSection,
  type Section,
} from '../app/navigation';
import { useUiStore } from '../state/ui-store';
import { BrandMark } from './BrandMark';
import classes from './NavBar.module.css';
import { ProfileMenu } from './ProfileMenu';
import { ThemeToggle } from './ThemeToggle';
import { AlertsPanel } from '../alerts/AlertsPanel';
import { useHealthAlerts } from '../alerts/use-health-alerts';

function SectionLink({ section, active, collapsed }: { section: Section; active: boolean; collapsed: boolean }) {
  const Icon = section.icon;
  const link = (
    <NavLink
      component={Link}
      to={section.path}
      active={active}
      label={collapsed ? undefined : section.label}
      aria-label={section.label}
      leftSection={<Icon size={17} stroke={1.7} />}
      className={classes.link}
      data-collapsed={collapsed || undefined}
      data-testid={`nav-${section.id}`}
      aria-current={active ? 'page' : undefined}
    />
  );
  return (
    <Tooltip
      label={`${section.label} · ${altKeyLabel}+${section.shortcutDigit}`}
      position="right"
      disabled={!collapsed}
      openDelay={100}
    >
      {link}
    </Tooltip>
  );
}

export function NavBar() {
  const { pathname } = useLocation();
  const collapsed = useUiStore((s) => s.navCollapsed);
  const toggleNav = useUiStore((s) => s.toggleNav);
  useHealthAlerts();
  const current = sectionForPath(pathname);

  return (
    <AppShell.Navbar className={classes.navbar} aria-label="Main navigation">
      <AppShell.Section className={classes.header}>
        <Group gap={8} wrap="nowrap" px={collapsed ? 0 : 4} justify={collapsed ? 'center' : 'flex-start'}>
          <BrandMark />
          {!collapsed && (
            <Text fw={650} size="sm" className={classes.brandName}>
              dsync console
            </Text>
          )}
        </Group>
        <ProfileMenu collapsed={collapsed} />
        <Tooltip label={`Search · ${modKeyLabel}+K`} position="right" disabled={!collapsed}>
          <UnstyledButton
            className={classes.search}
            data-collapsed={collapsed || undefined}
            onClick={() => palette.open()}
            aria-label={collapsed ? 'Search and commands' : undefined}
            aria-keyshortcuts={`${modKeyLabel === '⌘' ? 'Meta' : 'Control'}+K`}
            data-testid="open-palette"
          >
            <IconSearch size={15} stroke={1.8} />
            {!collapsed && (
              <>
                <Text size="sm" className={classes.searchLabel}>
                  Search…
                </Text>
                <kbd className={classes.kbd}>{modKeyLabel} K</kbd>
              </>
            )}
          </UnstyledButton>
        </Tooltip>
      </AppShell.Section>

      <AppShell.Section grow component={ScrollArea} scrollbarSize={6}>
        <Stack gap={2} px={8} py={6} component="nav">
          {mainSections.map((section) => (
            <SectionLink key={section.id} section={section} active={current?.id === section.id} collapsed={collapsed} />
          ))}
        </Stack>
      </AppShell.Section>

      <AppShell.Section className={classes.footer}>
        <Stack gap={2} px={8}>
          <SectionLink section={settingsSection} active={current?.id === 'settings'} collapsed={collapsed} />
        </Stack>
        <Group gap={4} px={8} pt={6} justify={collapsed ? 'center' : 'space-between'} wrap="nowrap">
          {!collapsed && <ThemeToggle />}
          <AlertsPanel />
          <Tooltip label={collapsed ? 'Expand sidebar ( [ )' : 'Collapse sidebar ( [ )'} position="right">
            <UnstyledButton
              className={classes.iconButton}
              onClick={toggleNav}
              aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
            >
              {collapsed ? <IconLayoutSidebarLeftExpand size={17} /> : <IconLayoutSidebarLeftCollapse size={17} />}
            </UnstyledButton>
          </Tooltip>
        </Group>
      </AppShell.Section>
    </AppShell.Navbar>
  );
}
