/** The system Chromium Playwright uses; `.ci/run` installs it with apt when missing. */
import { existsSync } from 'node:fs';

export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('No Chromium found. Install it with `apt-get install chromium` or set CHROMIUM_PATH.');
  }
  return found;
}

/**
 * Flags for a headless Chromium that runs only the console. Chromium 156 also starts a "WebUI
 * Top Renderer" for each new window, prewarming its own omnibox popup (chrome://omnibox-popup):
 * 0.5-0.7 s of CPU that a desktop window of the console never pays, on a 2-core machine during
 * the very start the UI bench times. The three omnibox WebUI features are turned off here.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];
