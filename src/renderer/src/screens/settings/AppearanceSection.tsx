import { Group, SegmentedControl, Text } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { SettingsSection } from '../../components/SettingsSection';
import { useUiStore, type ColorSchemePreference } from '../../state/ui-store';

export function AppearanceSection() {
  const value = useUiStore((s) => s.colorScheme);
  const setColorScheme = useUiStore((s) => s.setColorScheme);
  return (
    <SettingsSection
      title="Appearance"
      description="Follows your system until you pick one."
      testId="settings-appearance"
    >
      <SegmentedControl
        size="sm"
        value={value}
        onChange={(v) => setColorScheme(v as ColorSchemePreference)}
        data-testid="settings-theme"
        data={[
          { value: 'light', label: <Label icon={<IconSun size={15} />} text="Light" /> },
          { value: 'dark', label: <Label icon={<IconMoon size={15} />} text="Dark" /> },
          { value: 'auto', label: <Label icon={<IconDeviceDesktop size={15} />} text="System" /> },
        ]}
      />
    </SettingsSection>
  );
}

function Label({ icon, text }: { icon: React.ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap" px={4}>
      {icon}
      <Text size="sm">{text}</Text>
    </Group>
  );
}
