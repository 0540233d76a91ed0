/**
 * The `dsync-console` command. Each subcommand lives in `commands/`; this file wires them
 * and turns usage errors into exit code 2 with a one-line reason.
 */
import { Command, CommanderError } from 'commander';
import { oneLine } from './args.ts';
import { registerListenCommand } from './commands/listen.ts';
import { registerVerifyCommand } from './commands/verify.ts';
import { registerWebCommand } from './commands/web.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerEmulatorCommand } from './commands/emulator.ts';
import { registerSyncCommand } from './commands/sync.ts';
import { registerUsersCommand } from './commands/users.ts';
import { registerGroupsCommand } from './commands/groups.ts';
import { registerChangesCommand } from './commands/changes.ts';

export const EXIT_USAGE = 2;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Commander echoes bad values in its errors; escape them so an error stays one line. */
function outputConfig(io: CliIo) {
  return {
    writeOut: io.out,
    writeErr: io.err,
    outputError: (text: string, write: (t: string) => void) => write(`${oneLine(text.replace(/\n$/, ''))}\n`),
  };
}

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('dsync-console')
    .description('A console for WorkOS Directory Sync: browse, audit and debug directories and webhooks.')
    .showHelpAfterError(false)
    .configureOutput(outputConfig(io))
    .exitOverride();
  registerWebCommand(program);
  registerServeCommand(program);
  registerVerifyCommand(program);
  registerListenCommand(program);
  registerEmulatorCommand(program);
  registerSyncCommand(program);
  registerUsersCommand(program);
  registerGroupsCommand(program);
  registerChangesCommand(program);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(outputConfig(io));
  return program;
}

/** Runs the CLI; resolves to the process exit code (long-running commands resolve when they end). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return 0;
      }
      // Commander already printed "error: …" as one line.
      return EXIT_USAGE;
    }
    io.err(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
