/**
 * Runs the CLI in this process against an emulator and a data folder, and returns what it
 * printed: commands that write to process.stdout directly (tables) are captured too.
 */
import { vi } from 'vitest';
import { runCli } from '../../../../src/main/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cliInProcess(args: string[], apiUrl: string, dataDir: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await runCli([...args, '--api-url', apiUrl, '--data-dir', dataDir], {
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    process.exitCode = undefined;
  }
}
