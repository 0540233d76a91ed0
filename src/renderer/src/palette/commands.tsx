/** The palette's built-in commands: go to a section, switch theme, toggle the sidebar. */
import { IconDeviceDesktop, IconLayoutSidebar, IconMoon, IconSun } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { altKeyLabel, sections } from '../app/navigation';
import { useUiStore } from '../state/ui-store';

export interface PaletteCommand {
  id: string;
  group: string;
  label: string;
  description?: string;
  keywords?: string[];
  icon: ReactNode;
  hint?: string;
  run(): void;
}

export function usePaletteCommands(): PaletteCommand[] {
  const navigate = useNavigate();
  const setColorScheme = useUiStore((s) => s.setColorScheme);
  const toggleNav = useUiStore((s) => s.toggleNav);

  return useMemo(() => {
    const go: PaletteCommand[] = sections.map((s) => {
      const Icon = s.icon;
      return {
        id: `go:${s.id}`,
        group: 'Go to',
        label: s.label,
        description: s.description,
        keywords: ['go', 'open', s.id],
        icon: <Icon size={16} stroke={1.6} />,
        hint: `${altKeyLabel} ${s.shortcutDigit}`,
        run: () => navigate(s.path),
      };
    });
    const commands: PaletteCommand[] = [
      {
        id: 'theme:light',
        group: 'Commands',
        label: 'Use light theme',
        keywords: ['theme', 'appearance', 'colour', 'color'],
        icon: <IconSun size={16} stroke={1.6} />,
        run: () => setColorScheme('light'),
      },
      {
        id: 'theme:dark',
        group: 'Commands',
        label: 'Use dark theme',
        keywords: ['theme', 'appearance', 'colour', 'color', 'night'],
        icon: <IconMoon size={16} stroke={1.6} />,
        run: () => setColorScheme('dark'),
      },
      {
        id: 'theme:auto',
        group: 'Commands',
        label: 'Follow the system theme',
        keywords: ['theme', 'appearance', 'auto', 'system'],
        icon: <IconDeviceDesktop size={16} stroke={1.6} />,
        run: () => setColorScheme('auto'),
      },
      {
        id: 'nav:toggle',
        group: 'Commands',
        label: 'Toggle sidebar',
        keywords: ['sidebar', 'navigation', 'collapse', 'expand'],
        icon: <IconLayoutSidebar size={16} stroke={1.6} />,
        hint: '[',
        run: toggleNav,
      },
    ];
    return [...go, ...commands];
  }, [navigate, setColorScheme, toggleNav]);
}
