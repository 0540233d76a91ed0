/**
 * The Electron shell's security decisions, tested without the Electron binary: the window's
 * webPreferences, the IPC sender check with fake events, URL policies and the app:// file map.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createConsoleCore } from '../../../src/main/core/console-core.ts';
import { createInvokeHandler, registerIpc } from '../../../src/main/electron/ipc.ts';
import { resolveAppFile } from '../../../src/main/electron/protocol.ts';
import {
  openHardenedWindow,
  isSafeExternalUrl,
  isTrustedRendererUrl,
} from '../../../src/main/electron/web-preferences.ts';
import { silentLogger } from '../../../src/main/log.ts';
import { methodChannel, methodNames } from '../../../src/shared/api.ts';

const core = createConsoleCore({
  dataDir: mkdtempSync(join(tmpdir(), 'dsync-ipc-')),
  transport: 'electron',
  log: silentLogger,
  autoSync: false,
  queryWorker: false,
});

function fakeEvent(url: string, parent: object | null = null): IpcMainInvokeEvent {
  return { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

describe('window hardening', () => {
  it('opens every window with each security switch set explicitly', () => {
    let seen: BrowserWindowConstructorOptions | undefined;
    class FakeWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        seen = options;
      }
    }
    openHardenedWindow(FakeWindow, { preload: '/p/preload.cjs', devTools: false, bounds: { width: 800, height: 600 } });
    expect(seen?.webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('lets only https links leave the app', () => {
    expect(isSafeExternalUrl('https://workos.com/docs')).toBe(true);
    for (const bad of [
      'http://workos.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://x/y',
      'https://u:p@x.com',
      'nonsense',
    ]) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });

  it('trusts only the app:// origin (and the dev server when one is set)', () => {
    expect(isTrustedRendererUrl('app://renderer/users', undefined)).toBe(true);
    expect(isTrustedRendererUrl('app://evil/users', undefined)).toBe(false);
    expect(isTrustedRendererUrl('https://attacker.example/', undefined)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });
});

describe('IPC handlers', () => {
  it('registers exactly one handler per contract method', () => {
    const channels: string[] = [];
    registerIpc({ handle: (c: string) => void channels.push(c), removeHandler: () => {} } as never, core, undefined);
    expect(channels.sort()).toEqual(methodNames.map(methodChannel).sort());
  });

  it('answers our renderer and refuses other frames', async () => {
    const handler = createInvokeHandler(core, 'getAppInfo', undefined);
    expect((await handler(fakeEvent('app://renderer/'), undefined)).ok).toBe(true);
    for (const event of [
      fakeEvent('https://attacker.example/'),
      fakeEvent('app://renderer/', {}),
      { senderFrame: null },
    ]) {
      const result = await handler(event as IpcMainInvokeEvent, undefined);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
  });

  it('validates payloads from a trusted frame', async () => {
    const handler = createInvokeHandler(core, 'getHealthSummary', undefined);
    const result = await handler(fakeEvent('app://renderer/'), { profileId: ['x'] });
    expect(result.ok ? '' : result.error.code).toBe('invalid_input');
  });
});

describe('app:// protocol', () => {
  it('maps routes to index.html and refuses paths that escape the renderer folder', () => {
    expect(resolveAppFile('/r', 'app://renderer/users/123')).toBe('/r/index.html');
    expect(resolveAppFile('/r', 'app://renderer/assets/a.js')).toBe('/r/assets/a.js');
    expect(resolveAppFile('/r', 'app://renderer/..%2f..%2fetc/passwd.txt')).toBeNull();
    expect(resolveAppFile('/r', 'app://other/assets/a.js')).toBeNull();
  });
});
