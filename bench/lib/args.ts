/**
 * Command-line options of `npm run bench`. Bad input stops with one line naming the option
 * and what it accepts (exit code 2), never a stack trace.
 */
export const SCENARIOS = [
  'large',
  'fleet',
  'usual',
  'incremental',
  'ingest',
  'queries',
  'memory',
  'ui',
  'team',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchArgs {
  quick: boolean;
  scenarios: ScenarioName[];
  /** Multiplies WorkOS's documented rate limits on both sides (emulator and client). */
  scale: number;
  latencyMs: number;
  /** Where the JSON goes; default bench/results/<date>.json. */
  out: string | null;
  /** `--fleet DIRECTORIESxUSERS`: the fleet scenario's size instead of the default one. */
  fleet: { directories: number; users: number } | null;
}

export class ArgsError extends Error {}

const USAGE =
  'usage: npm run bench -- [--quick] [--scenario NAME|NUMBER[,…]] [--scale N] [--latency MS] [--fleet DIRSxUSERS] [--out FILE]; ' +
  `scenarios: ${SCENARIOS.map((s, i) => `${i + 1}=${s}`).join(' ')}`;

function scenarioFrom(text: string): ScenarioName {
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1 && n <= SCENARIOS.length) return SCENARIOS[n - 1]!;
  const found = SCENARIOS.find((s) => s === text.trim().toLowerCase());
  if (!found)
    throw new ArgsError(`Unknown scenario "${text}". Known: ${SCENARIOS.join(', ')} (or 1-${SCENARIOS.length}).`);
  return found;
}

function positiveNumber(flag: string, text: string | undefined, allowZero: boolean): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new ArgsError(`${flag} needs a ${allowZero ? 'non-negative' : 'positive'} number, got "${text ?? ''}".`);
  }
  return n;
}

function fleetSize(text: string | undefined): { directories: number; users: number } {
  const m = /^(\d{1,4})x(\d{1,7})$/.exec(text?.trim() ?? '');
  const directories = Number(m?.[1]);
  const users = Number(m?.[2]);
  if (!m || directories < 1 || users < 1) {
    throw new ArgsError(`--fleet needs DIRECTORIESxUSERS (users per directory), e.g. 200x5000, got "${text ?? ''}".`);
  }
  return { directories, users };
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, scenarios: [], scale: 10, latencyMs: 40, out: null, fleet: null };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.includes('=')
      ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
      : [raw];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--quick':
        args.quick = true;
        break;
      case '--scenario':
        for (const part of (value() ?? '').split(',').filter(Boolean)) args.scenarios.push(scenarioFrom(part));
        break;
      case '--scale':
        args.scale = positiveNumber('--scale', value(), false);
        break;
      case '--latency':
        args.latencyMs = positiveNumber('--latency', value(), true);
        break;
      case '--fleet':
        args.fleet = fleetSize(value());
        break;
      case '--out':
        args.out = value() ?? null;
        if (!args.out) throw new ArgsError('--out needs a file path.');
        break;
      case '--help':
      case '-h':
        throw new ArgsError(USAGE);
      default:
        throw new ArgsError(`Unknown option "${raw}". ${USAGE}`);
    }
  }
  if (args.scenarios.length === 0) args.scenarios = [...SCENARIOS];
  args.scenarios = [...new Set(args.scenarios)];
  return args;
}
