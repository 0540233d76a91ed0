/**
 * Quitting waits for the core to close (the writer thread flushes and the webhook receiver
 * stops) before the process exits, for at most `CLOSE_TIMEOUT_MS`: Electron does not await
 * a `will-quit` listener, so the quit is held with preventDefault and finished with exit().
 */
import type { Logger } from '../log.ts';

export const CLOSE_TIMEOUT_MS = 5_000;

export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  exit(code?: number): void;
}

export function closeCoreBeforeQuit(
  app: QuittingApp,
  currentCore: () => { close(): Promise<void> } | null,
  log: Pick<Logger, 'warn' | 'error'>,
  timeoutMs: number = CLOSE_TIMEOUT_MS,
): void {
  let closing = false;
  app.on('will-quit', (event) => {
    const core = currentCore();
    if (core === null || closing) return;
    closing = true;
    event.preventDefault();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const closed = core.close().then(
      () => 'closed' as const,
      (err: unknown) => {
        log.error(`closing the console on quit failed: ${err instanceof Error ? err.message : String(err)}`);
        return 'failed' as const;
      },
    );
    void Promise.race([closed, timedOut]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'timeout') log.warn(`the console did not close within ${timeoutMs / 1000} s; quitting anyway`);
      app.exit(0);
    });
  });
}
