/**
 * Every window is opened here, with its webPreferences written out as a literal so both a
 * unit test (with a fake constructor) and the electronegativity scan can see them. Each
 * security switch is set explicitly, even where it is Electron's default, so a changed default
 * cannot weaken it silently.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export function openHardenedWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  options: { preload: string; devTools: boolean; bounds: WindowBounds },
): W {
  return new BrowserWindow({
    ...options.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'dsync-console',
    backgroundColor: '#101113',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows, bypassing the open handler.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
}

/** The origin the renderer is served from in production (a custom protocol, not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Whether a URL belongs to our renderer: the app:// origin, or the dev server in development. */
export function isTrustedRendererUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url);
    if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin;
    return false;
  } catch {
    return false;
  }
}

/** Only plain https links may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
