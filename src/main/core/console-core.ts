/**
 * Builds the core: its services, the handlers for every ConsoleApi method, and the event bus.
 * Transports (Electron IPC, the web host, tests) call `core.call(name, input)`.
 */
import { readFileSync } from 'node:fs';
import type { ConsoleHandlers, Envelope } from '../../shared/api.ts';
import { appHandlers } from '../api/app-handlers.ts';
import { webhookHandlers } from '../api/webhook-handlers.ts';
import { createLogger, type Logger } from '../log.ts';
import { ensureDataDir } from '../paths.ts';
import { WebhookService } from '../webhooks/service.ts';
import { dispatch } from '../rpc/dispatch.ts';
import type { CoreContext } from './context.ts';
import { EventBus } from './event-bus.ts';
import { placeholderHealth, placeholderProfiles } from './placeholders.ts';

export interface CoreOptions {
  dataDir: string;
  transport: 'electron' | 'web';
  log?: Logger;
}

export interface ConsoleCore {
  readonly context: CoreContext;
  readonly handlers: ConsoleHandlers;
  readonly events: EventBus;
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  close(): Promise<void>;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function createConsoleCore(options: CoreOptions): ConsoleCore {
  const log = options.log ?? createLogger();
  const events = new EventBus();
  const context: CoreContext = {
    version: packageVersion(),
    transport: options.transport,
    dataDir: ensureDataDir(options.dataDir),
    log,
    events,
    profiles: placeholderProfiles,
    health: placeholderHealth,
    webhooks: new WebhookService({ log, onDelivery: (summary) => events.emit('webhookReceived', summary) }),
  };
  const handlers: ConsoleHandlers = {
    ...appHandlers(context),
    ...webhookHandlers(context),
  };
  return {
    context,
    handlers,
    events,
    call: (method, input) => dispatch(handlers, method, input, log),
    close: async () => {
      await context.webhooks.close();
    },
  };
}
