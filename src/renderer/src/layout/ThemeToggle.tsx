import { SegmentedControl, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { useUiStore, type ColorSchemePreference } from '../state/ui-store';

const options: { value: ColorSchemePreference; label: string; icon: typeof IconSun }[] = [
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'dark', label: 'Dark', icon: IconMoon },
  { value: 'auto', label: 'System', icon: IconDeviceDesktop },
];

/** Light / dark / follow the system. The choice is persisted with the UI state. */
export function ThemeToggle() {
  const value = useUiStore((s) => s.colorScheme);
  const setColorScheme = useUiStore((s) => s.setColorScheme);
  return (
    <SegmentedControl
      size="xs"
      radius="md"
      value={value}
      onChange={(v) => setColorScheme(v as ColorSchemePreference)}
      aria-label="Theme"
      data-testid="theme-toggle"
      data={options.map(({ value: v, label, icon: Icon }) => ({
        value: v,
        label: (
          <Tooltip label={label} openDelay={300}>
            <span style={{ display: 'inline-flex' }}>
              <Icon size={14} stroke={1.8} />
              <VisuallyHidden>{label}</VisuallyHidden>
            </span>
          </Tooltip>
        ),
      }))}
    />
  );
}
