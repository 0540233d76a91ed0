/**
 * The sync worker thread: runs sync jobs (several profiles may sync at once) with its own
 * writer connection per cache file, so fetching pages and applying whole directories never
 * block the thread that answers UI queries.
 */
import { parentPort } from 'node:worker_threads';
import { openStore, type Store } from '../../store/store.ts';
import { WorkosClient } from '../../workos/client.ts';
import { executeSyncPlan } from '../execute-plan.ts';
import type { FromWorker, SyncJob, ToWorker } from './protocol.ts';

const port = parentPort!;
const send = (message: FromWorker): void => port.postMessage(message);
const stores = new Map<string, Store>();
const running = new Map<number, AbortController>();
/** One client per profile and key, so its rate limiter spans consecutive runs. */
const clients = new Map<string, WorkosClient>();

function storeFor(path: string): Store {
  let store = stores.get(path);
  if (!store) {
    // The core already recovered abandoned runs when it opened the cache; this connection must
    // not mark running syncs as failed.
    store = openStore(path, { recover: false });
    stores.set(path, store);
  }
  return store;
}

function clientFor(job: SyncJob): WorkosClient {
  const key = `${job.profileId}|${job.connection.baseUrl}|${job.connection.apiKey}`;
  let client = clients.get(key);
  if (!client) {
    client = new WorkosClient(job.connection);
    clients.set(key, client);
  }
  return client;
}

async function run(jobId: number, job: SyncJob): Promise<void> {
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    const outcome = await executeSyncPlan({
      store: storeFor(job.dbPath),
      client: clientFor(job),
      profileId: job.profileId,
      plan: job.plan,
      directoryId: job.directoryId,
      signal: controller.signal,
      onProgress: (progress) => send({ type: 'progress', jobId, progress }),
      onDataChanged: (tables) => send({ type: 'dataChanged', jobId, tables }),
    });
    send({ type: 'done', jobId, outcome });
  } catch (err) {
    send({ type: 'error', jobId, message: err instanceof Error ? err.message : String(err) });
  } finally {
    running.delete(jobId);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message.jobId, message.job);
  else if (message.type === 'forget') {
    for (const key of [...clients.keys()]) if (key.startsWith(`${message.profileId}|`)) clients.delete(key);
  } else running.get(message.jobId)?.abort(new Error('cancelled'));
});
