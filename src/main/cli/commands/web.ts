/** `dsync-console web`: serve the console on loopback and print its one-time link. */
import type { Command } from 'commander';
import { parseDir, parseHost, parsePort } from '../args.ts';
import { startConsoleWeb } from '../../web/launch.ts';

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
    .action(async (opts: { port: number; host: string; dataDir?: string; open: boolean }) => {
      await startConsoleWeb({ ...opts, waitForSignal: true });
    });
}
