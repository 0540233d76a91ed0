/**
 * The bridge: exactly one function per ConsoleApi method (each invoking its own channel) and
 * one `on<Event>` subscription per push event, built from the contract's names. Nothing else —
 * no ipcRenderer, no process, no generic invoke — reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventBridgeName,
  eventChannel,
  eventNames,
  methodChannel,
  methodNames,
  type DsyncBridge,
} from '../shared/api.ts';

const methods = Object.fromEntries(
  methodNames.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(methodChannel(name), input)]),
);

const subscriptions = Object.fromEntries(
  eventNames.map((name) => [
    eventBridgeName(name),
    (listener: (payload: unknown) => void) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(eventChannel(name), wrapped);
      return () => {
        ipcRenderer.removeListener(eventChannel(name), wrapped);
      };
    },
  ]),
);

const bridge = { ...methods, ...subscriptions } as unknown as DsyncBridge;
contextBridge.exposeInMainWorld('dsync', bridge);
