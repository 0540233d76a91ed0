import type { BenchArgs } from '../lib/args.ts';
import { notMeasured, type ScenarioReport } from '../lib/report.ts';

export async function uiScenario(
  _args: BenchArgs,
  _size: { users: number; directories: number; scrollRows: number },
  _log: (line: string) => void,
): Promise<ScenarioReport> {
  return notMeasured('ui', 'Web console in Chromium', 'not written yet');
}
