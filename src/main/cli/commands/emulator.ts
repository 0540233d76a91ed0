/**
 * `dsync-console emulator`: serve the local WorkOS Directory Sync emulator until killed. With
 * `--json` it prints exactly one line, `{"url","apiKey","webhookSecret"}`, for scripts and tests.
 */
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { parseHost, parseNonNegativeNumber, parsePort, parsePositiveInt, parseUrl } from '../args.ts';
import { SCENARIO_NAMES, parseFaultSpec, startEmulator, type EmulatorOptions } from '../../../emulator/index.ts';

interface EmulatorCommandOptions {
  port: number;
  host: string;
  seed: string;
  users?: number;
  directories?: number;
  latency?: number;
  jitter?: number;
  faults?: string;
  scenario?: string;
  scenarioInterval: number;
  webhookUrl: string[];
  webhookSecret?: string;
  webhookDuplicates?: number;
  webhookDelay?: number;
  webhookReorder: boolean;
  apiKey?: string;
  rateLimitScale: number;
  groupsPopulated: boolean;
  legacyFields: boolean;
  eventsHoldBack?: number;
  randomSeed?: number;
  json: boolean;
}

function parseSeed(value: string): string {
  if (['demo', 'small', 'large'].includes(value) || existsSync(value)) return value;
  throw new InvalidArgumentError(`"${value}" is neither demo, small, large nor an existing JSON seed file.`);
}

function parseFaults(value: string): string {
  try {
    parseFaultSpec(value);
    return value;
  } catch (err) {
    throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
  }
}

function parseScenario(value: string): string {
  if (SCENARIO_NAMES.includes(value)) return value;
  throw new InvalidArgumentError(`Unknown scenario "${value}". Known: ${SCENARIO_NAMES.join(', ')}.`);
}

function parseRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError(`"${value}" is not a rate between 0 and 1.`);
  }
  return n;
}

function collectUrl(value: string, previous: string[]): string[] {
  return [...previous, parseUrl(value)];
}

function parseScale(value: string): number {
  if (value === 'Infinity' || value === 'off') return 0;
  return parseNonNegativeNumber('rate-limit scale')(value);
}

export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description(
      'Serve a local WorkOS Directory Sync API (generated directories, events, webhooks, faults) until killed.',
    )
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--host <address>', 'address to bind', parseHost, '127.0.0.1')
    .option('--seed <name|file>', 'demo, small, large, or a JSON seed file', parseSeed, 'demo')
    .option('--users <n>', 'users per directory (small/large) or in total (demo)', parsePositiveInt('users', 5_000_000))
    .option('--directories <n>', 'number of directories (small/large)', parsePositiveInt('directories', 1000))
    .option('--latency <ms>', 'added latency per request', parseNonNegativeNumber('latency'))
    .option('--jitter <ms>', 'random extra latency, up to this much', parseNonNegativeNumber('jitter'))
    .option('--faults <spec>', 'e.g. "error=0.05,reset=0.01,burst=3,slow=0.1,malformed=0.01"', parseFaults)
    .option('--scenario <name>', `keep changing things: ${SCENARIO_NAMES.join(', ')}`, parseScenario)
    .option('--scenario-interval <ms>', 'time between scenario steps', parsePositiveInt('scenario interval'), 5000)
    .option('--webhook-url <url>', 'deliver signed webhooks here (repeatable)', collectUrl, [])
    .option('--webhook-secret <secret>', 'webhook signing secret (default: random)')
    .option('--webhook-duplicates <rate>', 'share of webhook events delivered twice (0–1)', parseRate)
    .option(
      '--webhook-delay <ms>',
      'delay each delivery by this much plus up to the same again',
      parseNonNegativeNumber('webhook delay'),
    )
    .option('--webhook-reorder', 'shuffle the deliveries of each change', false)
    .option('--api-key <key>', 'API key clients must send (default: random sk_test_…)')
    .option('--rate-limit-scale <x>', 'multiply the documented rate limits; 0 disables', parseScale, 1)
    .option('--groups-populated', 'fill user.groups (teams created before May 2026)', false)
    .option('--legacy-fields', 'fill raw_attributes, emails, username, job_title as before 15 Apr 2026', false)
    .option(
      '--events-hold-back <ms>',
      'keep new events invisible to GET /events this long, like WorkOS (default 3000; 0 = at once)',
      parseNonNegativeNumber('events hold-back'),
    )
    .option('--random-seed <n>', 'seed for generated data', parsePositiveInt('random seed'))
    .option('--json', 'print one JSON line {url, apiKey, webhookSecret} and nothing else', false)
    .action(async (opts: EmulatorCommandOptions) => {
      const options: EmulatorOptions = {
        port: opts.port,
        host: opts.host,
        seed: opts.seed,
        rateLimitScale: opts.rateLimitScale,
        groupsPopulated: opts.groupsPopulated,
        legacyFields: opts.legacyFields,
        ...(opts.eventsHoldBack !== undefined ? { eventsHoldBackMs: opts.eventsHoldBack } : {}),
        webhookUrls: opts.webhookUrl,
        ...(opts.users !== undefined ? { users: opts.users } : {}),
        ...(opts.directories !== undefined ? { directories: opts.directories } : {}),
        ...(opts.latency !== undefined ? { latencyMs: opts.latency } : {}),
        ...(opts.jitter !== undefined ? { jitterMs: opts.jitter } : {}),
        ...(opts.faults !== undefined ? { faults: opts.faults } : {}),
        ...(opts.scenario !== undefined ? { scenario: opts.scenario, scenarioIntervalMs: opts.scenarioInterval } : {}),
        ...(opts.webhookSecret !== undefined ? { webhookSecret: opts.webhookSecret } : {}),
        webhookDelivery: {
          reorder: opts.webhookReorder,
          ...(opts.webhookDuplicates !== undefined ? { duplicateRate: opts.webhookDuplicates } : {}),
          ...(opts.webhookDelay !== undefined ? { delayMs: opts.webhookDelay } : {}),
        },
        ...(opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {}),
        ...(opts.randomSeed !== undefined ? { randomSeed: opts.randomSeed } : {}),
      };
      const emulator = await startEmulator(options);
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({ url: emulator.url, apiKey: emulator.apiKey, webhookSecret: emulator.webhookSecret }) + '\n',
        );
      } else {
        const dirs = emulator.control.directories();
        const users = dirs.reduce((s, d) => s + d.metadata.users.active + d.metadata.users.inactive, 0);
        process.stdout.write(
          [
            `WorkOS emulator on ${emulator.url} (${dirs.length} directories, ${users.toLocaleString('en-US')} users)`,
            `API key:        ${emulator.apiKey}`,
            `Webhook secret: ${emulator.webhookSecret}`,
            `SDK:            new WorkOS(apiKey, { apiHostname: '${emulator.host}', port: ${emulator.port}, https: false })`,
            `Admin:          POST ${emulator.url}/_emulator/step, /_emulator/faults; GET /_emulator/stats, /_emulator/truth`,
            'Ctrl+C to stop.',
          ].join('\n') + '\n',
        );
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void emulator.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
