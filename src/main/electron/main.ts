/**
 * The Electron shell: one hardened window over the same core the web console uses. Only this
 * folder (and the preload) may import electron.
 */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, safeStorage } from 'electron';
import { createConsoleCore, type ConsoleCore } from '../core/console-core.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { installGuards } from './guards.ts';
import { closeCoreBeforeQuit } from './quit.ts';
import { createLogger } from '../log.ts';
import { serveAppRequest } from './protocol.ts';
import { SafeStorageKeyStore } from './safe-storage-key-store.ts';
import { APP_ORIGIN, APP_SCHEME, openHardenedWindow } from './web-preferences.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let core: ConsoleCore | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(c: ConsoleCore): BrowserWindow {
  const dataDir = app.getPath('userData');
  const state = loadWindowState(dataDir);
  const win = openHardenedWindow(BrowserWindow, { preload: preloadPath, devTools: !app.isPackaged, bounds: state });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const remember = (): void => saveWindowState(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  win.on('close', remember);
  const stopForwarding = forwardEvents(c, (channel, payload) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  });
  win.on('closed', () => {
    stopForwarding();
    mainWindow = null;
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/`);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  installGuards(devServerUrl);
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
    const dataDir = app.getPath('userData');
    core = createConsoleCore({ dataDir, transport: 'electron', keys: new SafeStorageKeyStore(dataDir, safeStorage) });
    registerIpc(ipcMain, core, devServerUrl);
    mainWindow = createWindow(core);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0 && core) mainWindow = createWindow(core);
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  closeCoreBeforeQuit(app, () => core, createLogger());
}
