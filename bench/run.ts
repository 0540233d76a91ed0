/**
 * `npm run bench -- [--quick] [--scenario NAME] [--scale N] [--latency MS] [--fleet DxU]`: runs the
 * scenarios of bench/README.md, prints one table and writes bench/results/<date>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgsError, parseBenchArgs, type BenchArgs, type ScenarioName } from './lib/args.ts';
import { startFleetEmulator, startLargeEmulator, type BenchEmulator } from './lib/emulators.ts';
import type { ScenarioReport } from './lib/report.ts';
import { FULL_SIZES, QUICK_SIZES, type Sizes } from './lib/sizes.ts';
import { renderTable } from './lib/table.ts';
import { round } from './lib/stats.ts';
import { fleetScenario, largeDirectoryScenario, type FleetResult } from './scenarios/full-sync.ts';
import { usualWaysScenario } from './scenarios/usual-ways.ts';
import { ingestScenario } from './scenarios/ingest.ts';
import { queriesScenario } from './scenarios/queries.ts';
import { memoryScenario, memorySizes } from './scenarios/memory.ts';
import { incrementalScenario } from './scenarios/incremental.ts';
import { uiScenario } from './scenarios/ui.ts';
import { teamScenario } from './scenarios/team.ts';
import { cleanUpWhenStopped } from './lib/run-cleanup.ts';

const here = dirname(fileURLToPath(import.meta.url));

async function withEmulator<T>(start: Promise<BenchEmulator>, work: (emu: BenchEmulator) => Promise<T>): Promise<T> {
  const emu = await start;
  try {
    return await work(emu);
  } finally {
    await emu.close();
  }
}

async function runScenarios(
  args: BenchArgs,
  sizes: Sizes,
  log: (line: string) => void,
  onReport: (reports: readonly ScenarioReport[]) => void,
): Promise<ScenarioReport[]> {
  const reports: ScenarioReport[] = [];
  const wants = (s: ScenarioName): boolean => args.scenarios.includes(s);
  const step = async (name: string, work: () => Promise<ScenarioReport | ScenarioReport[]>): Promise<void> => {
    log(`▶ ${name} …`);
    const t0 = performance.now();
    try {
      const out = await work();
      reports.push(...(Array.isArray(out) ? out : [out]));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      reports.push({
        scenario: name,
        title: name,
        setup: 'failed',
        figures: [{ name: 'run', value: 'failed', verdict: 'not measured', note: message }],
        details: { error: message, stack: err instanceof Error ? err.stack : undefined },
      });
      log(`  ${name} failed: ${message}`);
    }
    log(`  ${name} took ${round((performance.now() - t0) / 1000, 1)} s`);
    // Written after every scenario, so a long run that is stopped still leaves its figures.
    onReport(reports);
  };

  if (wants('large')) {
    await step('large', () =>
      withEmulator(startLargeEmulator(args, sizes), (emu) => largeDirectoryScenario(emu, args, sizes.large)),
    );
  }
  if (wants('fleet') || wants('usual')) {
    await step(wants('usual') ? 'fleet + usual' : 'fleet', () =>
      withEmulator(startFleetEmulator(args, sizes), async (emu) => {
        const fleet: FleetResult = await fleetScenario(emu, args, sizes.fleet, log);
        const out = wants('fleet') ? [fleet.report] : [];
        if (wants('usual')) out.push(await usualWaysScenario(emu, args, fleet.measurement, sizes.usual));
        return out;
      }),
    );
  }
  if (wants('ingest')) await step('ingest', () => ingestScenario(sizes.ingest, log));
  if (wants('queries')) await step('queries', () => queriesScenario(args, sizes.queries, log));
  if (wants('memory')) await step('memory', () => memoryScenario(args, sizes.memory, log));
  if (wants('incremental')) await step('incremental', () => incrementalScenario(args, sizes.incremental, log));
  if (wants('ui')) await step('ui', () => uiScenario(args, sizes.ui, log));
  if (wants('team')) await step('team', () => teamScenario(args, sizes.team, log));
  return reports;
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof ArgsError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const base = args.quick ? QUICK_SIZES : FULL_SIZES;
  let sizes: Sizes;
  try {
    // Environment overrides are part of the sizes, so the saved JSON says what was measured.
    sizes = { ...base, memory: memorySizes(base.memory) };
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  if (args.fleet) sizes.fleet = args.fleet;
  const startedAt = new Date();
  const t0 = performance.now();
  const log = (line: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${line}`);
  cleanUpWhenStopped(log);
  log(
    `bench: ${args.quick ? 'quick' : 'full'} sizes, limits ×${args.scale}, latency ${args.latencyMs} ms, scenarios ${args.scenarios.join(', ')}`,
  );
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const out =
    args.out ??
    join(
      here,
      'results',
      `${startedAt.toISOString().slice(0, 19).replaceAll(':', '-')}${args.quick ? '-quick' : ''}.json`,
    );
  mkdirSync(dirname(out), { recursive: true });
  const save = (reports: readonly ScenarioReport[], complete: boolean): void =>
    writeFileSync(
      out,
      JSON.stringify(
        {
          startedAt: startedAt.toISOString(),
          complete,
          totalSeconds: round((performance.now() - t0) / 1000, 1),
          loadAverage: loadavg().map((n) => round(n, 1)),
          options: args,
          sizes,
          machine,
          reports,
        },
        null,
        2,
      ),
    );
  const reports = await runScenarios(args, sizes, log, (r) => save(r, false));
  console.log(renderTable(reports));
  save(reports, true);
  log(`results written to ${out}`);
}

await main();
