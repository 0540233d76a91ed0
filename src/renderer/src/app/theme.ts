/**
 * The console's look: dense and calm. Inter for text, JetBrains Mono for ids and payloads,
 * an indigo accent, small radii, compact default sizes for tables and inputs.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  createTheme,
  Menu,
  NavLink,
  Paper,
  SegmentedControl,
  Select,
  Table,
  TextInput,
  Tooltip,
  type MantineColorsTuple,
} from '@mantine/core';

// A slightly cooler slate than Mantine's default dark palette, so dark mode reads as ink, not grey.
const ink: MantineColorsTuple = [
  '#c9ced8',
  '#b1b8c5',
  '#8d95a5',
  '#5f6878',
  '#3b4250',
  '#2c323d',
  '#20252e',
  '#181c23',
  '#12151b',
  '#0c0e12',
];

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  colors: { dark: ink },
  fontFamily: "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', sans-serif",
  fontFamilyMonospace: "'JetBrains Mono Variable', 'JetBrains Mono', ui-monospace, SFMono-Regular, Menlo, monospace",
  headings: {
    fontFamily: "'Inter Variable', Inter, system-ui, sans-serif",
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '1.375rem', lineHeight: '1.3' },
      h2: { fontSize: '1.125rem', lineHeight: '1.35' },
      h3: { fontSize: '0.975rem', lineHeight: '1.4' },
    },
  },
  fontSizes: { xs: '0.72rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: Button.extend({ defaultProps: { size: 'xs', fw: 500 } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: 'subtle', color: 'gray' } }),
    Badge: Badge.extend({ defaultProps: { radius: 'sm', variant: 'light', tt: 'none', fw: 500 } }),
    Card: Card.extend({ defaultProps: { withBorder: true, radius: 'md', padding: 'md' } }),
    Paper: Paper.extend({ defaultProps: { radius: 'md' } }),
    NavLink: NavLink.extend({ defaultProps: { variant: 'light' } }),
    Table: Table.extend({ defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'xs' } }),
    Select: Select.extend({ defaultProps: { size: 'xs' } }),
    SegmentedControl: SegmentedControl.extend({ defaultProps: { size: 'xs' } }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 350, withArrow: true, fz: 'xs' } }),
    Menu: Menu.extend({ defaultProps: { shadow: 'md', withinPortal: true } }),
  },
});
