/**
 * The real web console (`dsync-console web`) in a child process on a given data directory,
 * with automatic sync off so the screens read only what is cached.
 */
import { spawnWebConsole } from '../../test/support/web-console-process.ts';

export interface WebConsole {
  url: string;
  launchUrl: string;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  stop(): Promise<void>;
}

export async function startWebConsole(dataDir: string): Promise<WebConsole> {
  const spawnedAt = performance.now();
  const { child, url, launchUrl } = await spawnWebConsole(dataDir, [], { DSYNC_CONSOLE_NO_AUTOSYNC: '1' });
  return {
    url,
    launchUrl,
    spawnedAt,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A console that does not stop within 15 s (open keep-alive or SSE connections) is killed.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
