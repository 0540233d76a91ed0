/** Prints why tests were skipped (e.g. "Electron is not available on this machine"), once per reason. */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'skipped without a reason';
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.reasons) console.log(`  skipped ${count}: ${reason}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
