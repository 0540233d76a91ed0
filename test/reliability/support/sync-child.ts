/**
 * A child process that runs one full sync into a cache file, for the kill test. The parent
 * forks it (with tsx) ahead of time; it loads its modules and says `ready` without touching
 * the database (opening the store marks runs left `running` as failed, which must not hit a
 * sync still in progress in the previous child). On `go` it opens the store through the
 * normal open path and syncs; the parent SIGKILLs it at a random moment. Phase changes are
 * reported over IPC so the parent can say where each kill landed.
 */
import { openStore } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';

export interface SyncChildConfig {
  baseUrl: string;
  apiKey: string;
  dbPath: string;
  profileId: string;
  rateLimitScale: number;
}

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'phase'; phase: string; directoryId: string | null; atMs: number }
  | { type: 'done'; runId: string; status: string; error: string | null; atMs: number };

function send(message: ChildMessage): void {
  process.send?.(message);
}

const config = JSON.parse(process.env.DSYNC_SYNC_CHILD ?? 'null') as SyncChildConfig | null;
if (!config) {
  console.error('sync-child: set DSYNC_SYNC_CHILD to a JSON config.');
  process.exit(2);
}

function start(cfg: SyncChildConfig): void {
  const began = performance.now();
  const store = openStore(cfg.dbPath);
  const client = new WorkosClient({
    apiKey: cfg.apiKey,
    baseUrl: cfg.baseUrl,
    rateLimits: scaledRateLimits(cfg.rateLimitScale),
  });
  // Only phase changes cross IPC: one message per page would slow the sync being measured.
  let lastPhase = '';
  void runFullSync({
    store,
    client,
    profileId: cfg.profileId,
    onProgress: (p) => {
      if (p.phase === lastPhase) return;
      lastPhase = p.phase;
      send({ type: 'phase', phase: p.phase, directoryId: p.directoryId, atMs: performance.now() - began });
    },
  }).then(
    (summary) => {
      store.close();
      send({
        type: 'done',
        runId: summary.runId,
        status: summary.status,
        error: summary.error,
        atMs: performance.now() - began,
      });
      process.disconnect?.();
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

process.on('message', (message: unknown) => {
  if ((message as { type?: string }).type === 'go') start(config);
});
send({ type: 'ready' });
