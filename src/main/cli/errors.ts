/**
 * How the CLI reports a failure: one line on stderr (`error: …`), and with `--verbose` the
 * details below it (the stack and each cause). Usage errors exit 2, every other failure 1.
 */
import { oneLine } from './args.ts';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in what the user asked for (a flag, a name, a missing cache): exit code 2. */
export class CliUsageError extends Error {}

export function exitCodeOf(err: unknown): number {
  return err instanceof CliUsageError ? EXIT_USAGE : EXIT_FAILURE;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The first line of the message, made safe to print as one terminal line. */
export function errorLine(err: unknown): string {
  const text = messageOf(err).trim();
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return `error: ${oneLine(first === '' ? 'unknown error' : first)}${first.length < text.length ? ' (--verbose for details)' : ''}\n`;
}

/** Everything after the one line: the full message, the stack, and the chain of causes. */
export function errorDetails(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const label = depth === 0 ? '' : 'caused by: ';
    parts.push(
      current instanceof Error ? `${label}${current.stack ?? messageOf(current)}` : `${label}${String(current)}`,
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  // A message may carry remote text: each line is escaped like the first.
  return `${parts.join('\n').split('\n').map(oneLine).join('\n')}\n`;
}

export function formatError(err: unknown, verbose: boolean): string {
  return verbose ? errorLine(err) + errorDetails(err) : errorLine(err);
}
