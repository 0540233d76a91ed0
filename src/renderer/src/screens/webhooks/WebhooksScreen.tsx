import { Tabs } from '@mantine/core';
import { IconArrowsDiff, IconInbox, IconSend, IconShieldSearch } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';

const tabs = [
  { value: 'verify', label: 'Verify', icon: IconShieldSearch },
  { value: 'inbox', label: 'Inbox', icon: IconInbox },
  { value: 'diff', label: 'Compare', icon: IconArrowsDiff },
  { value: 'send', label: 'Re-sign & send', icon: IconSend },
] as const;

/** The webhook workbench: diagnose a signature, watch deliveries, compare, replay. */
export function WebhooksScreen() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = tabs.find((t) => pathname.startsWith(`/webhooks/${t.value}`))?.value ?? 'verify';

  return (
    <Screen testId="screen-webhooks">
      <PageHeader
        title="Webhooks"
        description="Find out why a signature fails, watch real deliveries arrive, compare payloads and replay them."
      >
        <Tabs value={active} onChange={(v) => v && navigate(`/webhooks/${v}`)} variant="pills" radius="md">
          <Tabs.List>
            {tabs.map(({ value, label, icon: Icon }) => (
              <Tabs.Tab
                key={value}
                value={value}
                leftSection={<Icon size={14} />}
                data-testid={`webhooks-tab-${value}`}
              >
                {label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </PageHeader>
      <ScreenBody>
        <Outlet />
      </ScreenBody>
    </Screen>
  );
}
