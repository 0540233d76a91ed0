/** Starts the core and the web host together; used by `dsync-console web` and `npm start`. */
import { createConsoleCore, type ConsoleCore } from '../core/console-core.ts';
import { resolveDataDir } from '../paths.ts';
import { openBrowser } from './open-browser.ts';
import { ensureRendererBuilt } from './renderer-build.ts';
import { startWebHost, type WebHost } from './server.ts';

export interface ConsoleWebOptions {
  port: number;
  host: string;
  dataDir?: string;
  open: boolean;
  /** Keep serving until SIGINT/SIGTERM/SIGHUP (the CLI); tests pass false and close it themselves. */
  waitForSignal: boolean;
  print?: (line: string) => void;
}

export interface RunningConsoleWeb {
  core: ConsoleCore;
  host: WebHost;
  close(): Promise<void>;
}

export async function startConsoleWeb(options: ConsoleWebOptions): Promise<RunningConsoleWeb> {
  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const rendererDir = ensureRendererBuilt((l) => process.stderr.write(l + '\n'));
  const core = createConsoleCore({ dataDir: resolveDataDir(options.dataDir), transport: 'web' });
  const host = await startWebHost({ core, host: options.host, port: options.port, rendererDir });
  const link = host.launchUrl();
  print(`dsync-console web console: ${link}`);
  print(`data directory: ${core.context.dataDir}`);
  if (options.open) openBrowser(link);
  const close = async (): Promise<void> => {
    await host.close();
    await core.close();
  };
  if (options.waitForSignal) {
    await new Promise<void>((resolve) => {
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      const stop = (): void => {
        for (const signal of signals) process.off(signal, stop);
        void close().then(resolve);
      };
      for (const signal of signals) process.on(signal, stop);
    });
  }
  return { core, host, close };
}
