import type { BenchArgs } from '../lib/args.ts';
import { notMeasured, type ScenarioReport } from '../lib/report.ts';

export async function memoryScenario(
  _args: BenchArgs,
  _size: { users: number; scale: number; latencyMs: number },
  _log: (line: string) => void,
): Promise<ScenarioReport> {
  return notMeasured('memory', 'Memory', 'not written yet');
}
