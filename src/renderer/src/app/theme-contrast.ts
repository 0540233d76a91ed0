/**
 * Colour variables that meet WCAG AA contrast (4.5:1 for text) on the console's surfaces.
 * Mantine's defaults do not: dimmed text (gray 6) on white is 3.3:1, white on indigo 5/6 is
 * 3.7/4.3:1, light badges in yellow or teal are 2.7/4.3:1. Rather than hand-pick shades, each
 * colour's text, filled and light-badge variables take the first shade (darkened further if
 * need be) that reaches the target against the surfaces it is drawn on.
 */
import { darken, lighten, luminance, type CSSVariablesResolver, type MantineTheme } from '@mantine/core';

const AA = 4.6; // a little margin over 4.5, for rounding in the browser's colour maths

export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The first of `candidates` that reaches AA on every background; else the last darkened/lightened until it does. */
export function readable(candidates: string[], backgrounds: string[], direction: 'darker' | 'lighter'): string {
  const ok = (c: string) => backgrounds.every((bg) => contrastRatio(c, bg) >= AA);
  const found = candidates.find(ok);
  if (found) return found;
  let color = candidates[candidates.length - 1]!;
  for (let step = 0.05; step <= 1 && !ok(color); step += 0.05) {
    color =
      direction === 'darker'
        ? darken(candidates[candidates.length - 1]!, step)
        : lighten(candidates[candidates.length - 1]!, step);
  }
  return color;
}

/** Light surfaces text sits on (app.css): white cards, the page, nav and status bar, selected rows. */
export const lightSurfaces = ['#ffffff', '#f6f7f9', '#fbfbfc', '#f2f4f7', '#edf2ff', '#f5f6fa'];
/** Dark surfaces (app.css, dark). */
export const darkSurfaces = ['#0f1217', '#151920', '#1a1f27', '#12151b', '#1b2029', '#1f2533'];

export const lightDimmed = '#5b6472';
export const lightMuted = '#5b6472';

export const contrastResolver: CSSVariablesResolver = (theme: MantineTheme) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readable([lightDimmed], lightSurfaces, 'darker'),
  };
  const dark: Record<string, string> = {
    '--mantine-color-dimmed': readable([theme.colors.dark[2]!], darkSurfaces, 'lighter'),
  };
  for (const [name, shades] of Object.entries(theme.colors)) {
    if (name === 'dark') continue;
    const s = [...shades];
    const text = readable(s.slice(6), lightSurfaces, 'darker');
    const filled = readable(s.slice(6), ['#ffffff'], 'darker');
    light[`--mantine-color-${name}-text`] = text;
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    light[`--mantine-color-${name}-outline`] = text;
    light[`--mantine-color-${name}-light-color`] = readable([s[9]!], [s[1]!, s[0]!, '#ffffff'], 'darker');
    const darkFilled = readable(s.slice(6), ['#ffffff'], 'darker');
    dark[`--mantine-color-${name}-filled`] = darkFilled;
    dark[`--mantine-color-${name}-filled-hover`] = darken(darkFilled, 0.1);
    dark[`--mantine-color-${name}-text`] = readable(s.slice(0, 5).reverse(), darkSurfaces, 'lighter');
  }
  light['--mantine-color-anchor'] = light[`--mantine-color-${theme.primaryColor}-text`]!;
  light['--mantine-primary-color-filled'] = light[`--mantine-color-${theme.primaryColor}-filled`]!;
  light['--mantine-primary-color-filled-hover'] = light[`--mantine-color-${theme.primaryColor}-filled-hover`]!;
  dark['--mantine-primary-color-filled'] = dark[`--mantine-color-${theme.primaryColor}-filled`]!;
  dark['--mantine-primary-color-filled-hover'] = dark[`--mantine-color-${theme.primaryColor}-filled-hover`]!;
  return { variables: {}, light, dark };
};
