/**
 * The `dsync-console` command. Each subcommand lives in `commands/`; this file wires them
 * and turns usage errors into exit code 2 with a one-line reason.
 */
import { Command, CommanderError } from 'commander';
import { oneLine } from './args.ts';
import { endQuietlyWhenPipeCloses } from './closed-pipe.ts';
import { EXIT_USAGE, exitCodeOf, formatError } from './errors.ts';
import { packageVersion } from './version.ts';
import { registerListenCommand } from './commands/listen.ts';
import { registerVerifyCommand } from './commands/verify.ts';
import { registerWebCommand } from './commands/web.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerEmulatorCommand } from './commands/emulator.ts';
import { registerSyncCommand } from './commands/sync.ts';
import { registerUsersCommand } from './commands/users.ts';
import { registerGroupsCommand } from './commands/groups.ts';
import { registerChangesCommand } from './commands/changes.ts';
import { registerDirectoriesCommand } from './commands/directories.ts';

export { EXIT_USAGE };

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Commander's own hint after an unknown command or option: its one deliberate second line. */
const SUGGESTION = /\n(\(Did you mean (?:one of )?[^\n]*\?\))$/;

/**
 * Commander echoes bad values in its errors; escape them so an error stays one line. Only the
 * "(Did you mean …?)" hint commander appends goes on a line of its own.
 */
export function commanderErrorText(text: string): string {
  const body = text.replace(/\n$/, '');
  const hint = SUGGESTION.exec(body);
  if (!hint) return `${oneLine(body)}\n`;
  return `${oneLine(body.slice(0, hint.index))}\n${oneLine(hint[1]!)}\n`;
}

function outputConfig(io: CliIo) {
  return {
    writeOut: io.out,
    writeErr: io.err,
    outputError: (text: string, write: (t: string) => void) => write(commanderErrorText(text)),
  };
}

const EXIT_HELP = `
Exit status: 0 done; 1 failed (errors are one line; --verbose adds the details), also when the
read-only commands (users, groups, changes, directories) find no readable cache in the data
folder (they never create one); 2 bad arguments, or an unknown profile or directory.
Output piped into a reader that stops early (| head) ends quietly with status 0.`;

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('dsync-console')
    .description('A console for WorkOS Directory Sync: browse, audit and debug directories and webhooks.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .option('--verbose', 'with an error, also print its details (stack, causes)')
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
  registerDirectoriesCommand(program);
  program.addHelpText('after', EXIT_HELP);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(outputConfig(io));
  return program;
}

/** Runs the CLI; resolves to the process exit code (long-running commands resolve when they end). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) endQuietlyWhenPipeCloses();
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
    io.err(formatError(err, program.opts<{ verbose?: boolean }>().verbose === true));
    return exitCodeOf(err);
  }
}
