/** `dsync-console web`: serve the console on loopback and print its one-time link. */
import { Option, type Command } from 'commander';
import { parseDir, parseHost, parsePort } from '../args.ts';
import { resolveDataDir } from '../../paths.ts';
import { startConsoleWeb } from '../../web/launch.ts';
import { LinkRequestError, requestLink } from '../../web/link-request.ts';
import { openBrowser } from '../../web/open-browser.ts';

interface WebOptions {
  port: number;
  host: string;
  dataDir?: string;
  open: boolean;
  link?: boolean;
}

/** `web --link`: a new one-time link from the console already running on this data dir. */
async function printNewLink(opts: WebOptions): Promise<void> {
  try {
    const link = await requestLink(resolveDataDir(opts.dataDir));
    process.stdout.write(`${link}\n`);
    if (opts.open) openBrowser(link);
  } catch (error) {
    if (!(error instanceof LinkRequestError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
  }
}

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('Serve the console as a local web app on loopback and print its one-time link.')
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--host <address>', 'address to bind (loopback unless you know why)', parseHost, '127.0.0.1')
    .option(
      '--data-dir <dir>',
      'where the cache and settings live (default: $DSYNC_CONSOLE_DATA_DIR or the app-data folder)',
      parseDir,
    )
    .option('--no-open', 'do not open a browser')
    .addOption(
      new Option(
        '--link',
        'print a new one-time link to the web console already running on this data dir (and open it)',
      ).conflicts(['port', 'host']),
    )
    .action(async (opts: WebOptions) => {
      if (opts.link) await printNewLink(opts);
      else await startConsoleWeb({ ...opts, waitForSignal: true });
    });
}
