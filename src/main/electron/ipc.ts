/**
 * IPC registration, derived from the contract: one `handle` per method channel. Every call
 * is checked for its sender frame (our renderer's origin, the main frame) before the payload
 * is validated and dispatched; answers are always envelopes.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { eventChannel, eventNames, methodChannel, methodNames, type Envelope } from '../../shared/api.ts';
import type { ConsoleCore } from '../core/console-core.ts';
import { isTrustedRendererUrl } from './web-preferences.ts';

type InvokeHandler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Envelope<unknown>>;
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

export function senderIsTrusted(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Sub-frames (should any ever exist) do not get the API, only the top-level document.
  if (frame.parent !== null) return false;
  return isTrustedRendererUrl(frame.url, devServerUrl);
}

export function createInvokeHandler(
  core: ConsoleCore,
  method: string,
  devServerUrl: string | undefined,
): InvokeHandler {
  return async (event, input) => {
    if (!senderIsTrusted(event, devServerUrl)) {
      core.context.log.warn(`refused IPC call ${method} from an untrusted frame`);
      return { ok: false, error: { code: 'forbidden', message: 'This window may not call the console API.' } };
    }
    return core.call(method, input);
  };
}

export function registerIpc(ipcMain: IpcMainLike, core: ConsoleCore, devServerUrl: string | undefined): () => void {
  for (const name of methodNames) ipcMain.handle(methodChannel(name), createInvokeHandler(core, name, devServerUrl));
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(methodChannel(name));
  };
}

/** Forwards core events to a window's renderer, one channel per event. */
export function forwardEvents(core: ConsoleCore, send: (channel: string, payload: unknown) => void): () => void {
  const known = new Set<string>(eventNames);
  return core.events.subscribe((name, payload) => {
    if (known.has(name)) send(eventChannel(name), payload);
  });
}
