/**
 * Builds the core: its services, the handlers for every ConsoleApi method, and the event bus.
 * Transports (Electron IPC, the web host, tests) call `core.call(name, input)`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLocalMethod, isMethodName, type ConsoleHandlers, type Envelope } from '../../shared/api.ts';
import { appHandlers } from '../api/app-handlers.ts';
import { webhookHandlers } from '../api/webhook-handlers.ts';
import { createLogger, type Logger } from '../log.ts';
import { FileKeyStore, type KeyStore } from '../profiles/key-store.ts';
import { ensureDataDir } from '../paths.ts';
import { applyWebhookToCache } from '../webhooks/apply-to-cache.ts';
import { DEFAULT_RECEIVER_PATH } from '../webhooks/receiver.ts';
import { WebhookService } from '../webhooks/service.ts';
import { SqliteInbox } from '../webhooks/sqlite-inbox.ts';
import { dispatch, type Caller } from '../rpc/dispatch.ts';
import type { CoreContext } from './context.ts';
import { EventBus } from './event-bus.ts';
import { findPackageRoot } from './package-root.ts';
import { QueryWorkerPool } from './query-worker/host.ts';
import { offloadQueries } from './query-worker/offload.ts';
import { createSyncServices } from '../sync/core-services.ts';
import { syncHandlers } from '../api/sync-handlers.ts';
import { syncSettingsHandlers } from '../api/sync-settings-handlers.ts';
import { auditHandlers } from '../api/audit-handlers.ts';
import { sessionHandlers, type SessionDirectory } from '../api/session-handlers.ts';
import { teamHandlers, withTeamProfiles } from '../team-client/handlers.ts';
import { TeamClient } from '../team-client/team-client.ts';

export interface CoreOptions {
  dataDir: string;
  transport: 'electron' | 'web';
  log?: Logger;
  /**
   * Start the periodic sync of every profile (the Demo syncs at once). Default: on, unless
   * DSYNC_CONSOLE_NO_AUTOSYNC is set. Tests pass false.
   */
  autoSync?: boolean;
  /** Where API keys rest; the Electron shell passes one backed by safeStorage. Default: 0600 files. */
  keys?: KeyStore;
  /**
   * Answer read-only queries in a worker thread with its own connection, so a slow one never
   * holds other requests. Default: on. Tests that call handlers directly pass false.
   */
  queryWorker?: boolean;
  /**
   * Allow team-server profiles (this machine reading from a `dsync-console serve`). Default:
   * on; the team server itself turns it off.
   */
  teamServers?: boolean;
  /** A team server's signed-in sessions (for `listSessions` and `revokeSession`). */
  sessions?: SessionDirectory;
}

export interface ConsoleCore {
  readonly context: CoreContext;
  readonly handlers: ConsoleHandlers;
  readonly events: EventBus;
  /** `caller` is a team server's signed-in person; none means the local user (admin). */
  call(method: string, input: unknown, caller?: Caller): Promise<Envelope<unknown>>;
  close(): Promise<void>;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(findPackageRoot(import.meta.url), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function createConsoleCore(options: CoreOptions): ConsoleCore {
  const log = options.log ?? createLogger();
  const events = new EventBus();
  const dataDir = ensureDataDir(options.dataDir);
  const autoSync = options.autoSync ?? !process.env.DSYNC_CONSOLE_NO_AUTOSYNC;
  const keys = options.keys ?? new FileKeyStore(dataDir);
  const syncServices = createSyncServices({ dataDir, log, events, autoSync, keys });
  const team = options.teamServers === false ? null : new TeamClient(dataDir, keys, events, log);
  const context: CoreContext = {
    version: packageVersion(),
    transport: options.transport,
    dataDir,
    log,
    events,
    profiles: syncServices.profiles,
    health: syncServices.health,
    store: syncServices.store,
    profileManager: syncServices.profileManager,
    sync: syncServices.sync,
    syncIntervals: syncServices.intervals,
    webhooks: new WebhookService({
      log,
      inbox: new SqliteInbox(syncServices.store.writer, syncServices.store.reader),
      onDelivery: (summary) => events.emit('webhookReceived', summary),
      applyToCache: (body) =>
        applyWebhookToCache(syncServices.store.writer, body, {
          isPaused: (profileId) => syncServices.sync.isPaused(profileId),
        }),
      onApplied: (applications) => {
        for (const { profileId, outcome } of applications) {
          if (outcome === 'applied' || outcome === 'new_directory') {
            // Catch up through the Events API once WorkOS shows the event there (hold-back).
            syncServices.sync.pollAfterWebhook(profileId);
            events.emit('dataChanged', {
              profileId,
              tables: ['directories', 'users', 'groups', 'memberships', 'changes', 'tombstones'],
            });
          }
        }
      },
    }),
  };
  // The Demo shows the whole product at once: its emulator delivers signed webhooks to the
  // console's own receiver, which verifies them and applies them to the cache.
  syncServices.profileManager.demo.onStart(async (emu) => {
    try {
      const status = await context.webhooks.start({
        port: 0,
        path: DEFAULT_RECEIVER_PATH,
        secrets: [emu.webhookSecret],
        toleranceS: 180,
        applyToCache: true,
      });
      if (status.url) emu.control.webhooks.add(status.url);
    } catch (err) {
      log.warn(`the demo's webhook receiver did not start: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  const localHandlers: ConsoleHandlers = {
    ...appHandlers(context),
    ...webhookHandlers(context),
    ...syncHandlers(context),
    ...syncSettingsHandlers(context),
    ...auditHandlers(context),
    ...teamHandlers(context, team),
    ...sessionHandlers(options.sessions),
  };
  const useQueryWorker = (options.queryWorker ?? true) && syncServices.store.path !== ':memory:';
  const queryWorker = useQueryWorker
    ? new QueryWorkerPool(syncServices.store.path, syncServices.profileManager.activeProfileId())
    : null;
  const ownHandlers = queryWorker
    ? offloadQueries(localHandlers, queryWorker, () => syncServices.profileManager.activeProfileId(), log)
    : localHandlers;
  const handlers: ConsoleHandlers = team ? { ...ownHandlers, ...withTeamProfiles(ownHandlers, team) } : ownHandlers;
  return {
    context,
    handlers,
    events,
    call: (method, input, caller) => {
      // With a team-server profile active, the server answers everything but this machine's own
      // methods (profiles, connecting); a caller with a role is a team server's, never forwarded.
      const remote = !caller && team ? team.active() : null;
      if (remote && isMethodName(method) && !isLocalMethod(method)) return team!.forward(remote, method, input);
      return dispatch(handlers, method, input, log, caller);
    },
    close: async () => {
      team?.close();
      await queryWorker?.close();
      await context.webhooks.close();
      await syncServices.close();
    },
  };
}
