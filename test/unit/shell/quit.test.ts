import { describe, expect, it, vi } from 'vitest';
import { closeCoreBeforeQuit, type QuittingApp } from '../../../src/main/electron/quit.ts';

function fakeApp() {
  let listener: ((e: { preventDefault(): void }) => void) | null = null;
  const exited: number[] = [];
  let onExit: () => void = () => {};
  const exitedOnce = new Promise<void>((resolve) => {
    onExit = resolve;
  });
  const app: QuittingApp = {
    on: (_event, l) => {
      listener = l;
    },
    exit: (code = 0) => {
      exited.push(code);
      onExit();
    },
  };
  const quit = () => {
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    listener?.(event);
    return event;
  };
  return { app, exited, exitedOnce, quit };
}

const log = { warn: vi.fn(), error: vi.fn() };

describe('will-quit', () => {
  it('holds the quit until the core has closed, then exits', async () => {
    const { app, exited, exitedOnce, quit } = fakeApp();
    let finishClose: () => void = () => {};
    const core = { close: vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve))) };
    closeCoreBeforeQuit(app, () => core, log);
    expect(quit().prevented).toBe(true);
    expect(core.close).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(exited).toEqual([]);
    finishClose();
    await exitedOnce;
    expect(exited).toEqual([0]);
  });

  it('exits after the bound when closing hangs, saying so', async () => {
    vi.useFakeTimers();
    try {
      const { app, exited, exitedOnce, quit } = fakeApp();
      closeCoreBeforeQuit(app, () => ({ close: () => new Promise<void>(() => {}) }), log, 5_000);
      quit();
      await vi.advanceTimersByTimeAsync(4_999);
      expect(exited).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await exitedOnce;
      expect(exited).toEqual([0]);
      expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('did not close within 5 s'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failed close still exits; no core means nothing to hold', async () => {
    const failing = fakeApp();
    closeCoreBeforeQuit(failing.app, () => ({ close: () => Promise.reject(new Error('disk gone')) }), log);
    failing.quit();
    await failing.exitedOnce;
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('disk gone'));
    const none = fakeApp();
    closeCoreBeforeQuit(none.app, () => null, log);
    expect(none.quit().prevented).toBe(false);
  });
});
