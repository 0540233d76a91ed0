import type { BenchArgs } from '../lib/args.ts';
import { notMeasured, type ScenarioReport } from '../lib/report.ts';

export async function incrementalScenario(
  _args: BenchArgs,
  _size: { cacheUsers: number; directories: number; changes: number },
  _log: (line: string) => void,
): Promise<ScenarioReport> {
  return notMeasured('incremental', 'Incremental sync through the Events API', 'not written yet');
}
