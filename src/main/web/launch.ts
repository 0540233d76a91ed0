/** Starts the core and the web host together; used by `dsync-console web` and `npm start`. */
import { createConsoleCore, type ConsoleCore } from '../core/console-core.ts';
import { resolveDataDir } from '../paths.ts';
import { openLinkChannel, type LinkChannel } from './link-channel.ts';
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

/** Without the channel the console still works (only `--link` cannot reach it): say why, go on. */
async function openLinkChannelOrSay(
  dataDir: string,
  issueLink: () => string,
  print: (line: string) => void,
): Promise<LinkChannel | null> {
  try {
    return await openLinkChannel(dataDir, issueLink);
  } catch (error) {
    print(`\`dsync-console web --link\` will not reach this console: ${(error as Error).message}`);
    return null;
  }
}

export async function startConsoleWeb(options: ConsoleWebOptions): Promise<RunningConsoleWeb> {
  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const rendererDir = ensureRendererBuilt((l) => process.stderr.write(l + '\n'));
  const core = createConsoleCore({ dataDir: resolveDataDir(options.dataDir), transport: 'web' });
  const host = await startWebHost({ core, host: options.host, port: options.port, rendererDir });
  const link = host.launchUrl();
  const channel = await openLinkChannelOrSay(core.context.dataDir, () => host.launchUrl(), print);
  print(`dsync-console web console: ${link}`);
  print(`data directory: ${core.context.dataDir}`);
  if (channel) {
    const dirFlag = options.dataDir ? ` --data-dir ${JSON.stringify(core.context.dataDir)}` : '';
    print(`the link works once; for another one run: dsync-console web --link${dirFlag}`);
  }
  if (options.open) openBrowser(link);
  const close = async (): Promise<void> => {
    await channel?.close();
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
