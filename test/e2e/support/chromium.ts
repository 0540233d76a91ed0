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
 * The features Playwright 1.65 turns off in every Chromium it launches (its own
 * `--disable-features`). Chromium keeps only the last `--disable-features` it is given, so ours
 * must carry these too, and Playwright's own flag is dropped (`CHROMIUM_IGNORE_DEFAULT_ARGS`) only
 * while it is exactly this list: `chromium-flags.spec.ts` fails when a Playwright upgrade changes
 * it, instead of one list silently replacing the other.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 156 also starts a "WebUI Top Renderer" for each new window, prewarming its own
 * omnibox popup (chrome://omnibox-popup): 0.5-0.7 s of CPU that a desktop window of the console
 * never pays, on a 2-core machine during the very start the UI bench times. All three are needed.
 */
export const OMNIBOX_WEBUI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

/** Flags for a headless Chromium that runs only the console (Playwright's config, the UI bench). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_WEBUI_FEATURES].join(',')}`,
];

/** Playwright's own `--disable-features`, replaced by the merged one in CHROMIUM_ARGS. */
export const CHROMIUM_IGNORE_DEFAULT_ARGS: string[] = [`--disable-features=${PLAYWRIGHT_DISABLED_FEATURES.join(',')}`];
