/** A bell with the alerts seen so far, and the per-profile opt-in for desktop notifications. */
import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Switch, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useProfileId } from '../app/session';
import { formatDateTime } from '../lib/format';
import { useAlertStore } from './alert-store';

export function AlertsPanel() {
  const profileId = useProfileId();
  const entries = useAlertStore((s) => s.entries);
  const desktop = useAlertStore((s) => (profileId ? (s.desktop[profileId] ?? false) : false));
  const setDesktop = useAlertStore((s) => s.setDesktop);
  const clear = useAlertStore((s) => s.clear);
  const share = useAlertStore((s) => s.deprovisionShare);
  const [denied, setDenied] = useState(false);
  const mine = entries.filter((e) => e.profileId === profileId);

  const toggleDesktop = async (on: boolean) => {
    if (!profileId) return;
    if (on && typeof Notification !== 'undefined' && Notification.permission !== 'granted') {
      const answer = await Notification.requestPermission();
      setDenied(answer !== 'granted');
      if (answer !== 'granted') return;
    }
    setDesktop(profileId, on);
  };

  return (
    <Indicator disabled={mine.length === 0} label={mine.length} size={14} offset={4}>
      <Popover width={340} position="right-end" withArrow shadow="md">
        <Popover.Target>
          <ActionIcon aria-label={`Alerts (${mine.length})`} data-testid="alerts-button">
            <IconBell size={16} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown data-testid="alerts-panel">
          <Stack gap="xs">
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                Alerts
              </Text>
              {mine.length > 0 && (
                <Button size="compact-xs" variant="subtle" onClick={clear}>
                  Clear
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              A directory changing health, or a sync removing more than {Math.round(share * 100)} % of its users.
            </Text>
            <Switch
              size="xs"
              label="Desktop notifications for this profile"
              checked={desktop}
              onChange={(e) => void toggleDesktop(e.currentTarget.checked)}
              data-testid="alerts-desktop"
            />
            {denied && (
              <Text size="xs" c="red">
                The browser refused notifications; allow them in its site settings.
              </Text>
            )}
            <ScrollArea.Autosize mah={260}>
              {mine.length === 0 ? (
                <Text size="xs" c="dimmed">
                  Nothing yet.
                </Text>
              ) : (
                <Stack gap={6}>
                  {mine.map((e) => (
                    <div key={e.id} data-testid="alert-entry" data-kind={e.kind}>
                      <Text size="sm" fw={550}>
                        {e.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.body} {formatDateTime(new Date(e.at).toISOString())}
                      </Text>
                    </div>
                  ))}
                </Stack>
              )}
            </ScrollArea.Autosize>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
