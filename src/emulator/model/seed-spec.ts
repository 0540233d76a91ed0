/**
 * What to generate: built-in presets (`small`, `demo`, `large`) or a JSON seed file. The file
 * format is validated with zod so a typo names the field instead of crashing later.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DIRECTORY_STATES } from '../data/vocabulary.ts';

const directorySeed = z.object({
  name: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  state: z.enum(DIRECTORY_STATES).optional(),
  domain: z.string().min(1).optional(),
  users: z.number().int().min(0).max(5_000_000),
  groups: z.number().int().min(0).max(100_000).optional(),
  inactive_rate: z.number().min(0).max(1).optional(),
  missing_email_rate: z.number().min(0).max(1).optional(),
  duplicate_email_rate: z.number().min(0).max(1).optional(),
});

export const seedSpecSchema = z.object({
  organizations: z
    .array(
      z.object({
        name: z.string().min(1),
        domain: z.string().min(1).optional(),
        directories: z.array(directorySeed),
      }),
    )
    .min(1),
  /** Backdated scenario steps generated at startup so `/events` has recent history. */
  history: z.object({ steps: z.number().int().min(0).max(100_000), days: z.number().min(0).max(29) }).optional(),
});

export type SeedSpec = z.infer<typeof seedSpecSchema>;
export type DirectorySeed = z.infer<typeof directorySeed>;

export interface PresetOverrides {
  users?: number;
  directories?: number;
}

const PROVIDERS_CYCLE = [
  'okta scim v2.0',
  'azure scim v2.0',
  'gsuite directory',
  'workday',
  'bamboohr',
  'generic scim v2.0',
];

function smallSeed(o: PresetOverrides): SeedSpec {
  const dirs = o.directories ?? 2;
  const users = o.users ?? 40;
  return {
    organizations: Array.from({ length: dirs }, (_, i) => ({
      name:
        ['Acme Corp', 'Globex', 'Initech', 'Hooli', 'Umbrella Health', 'Massive Dynamic'][i % 6] +
        (i >= 6 ? ` ${i + 1}` : ''),
      directories: [{ users, groups: 30, type: PROVIDERS_CYCLE[i % PROVIDERS_CYCLE.length] }],
    })),
    history: { steps: 6, days: 2 },
  };
}

function demoSeed(o: PresetOverrides): SeedSpec {
  const scale = o.users !== undefined ? o.users / 20_000 : 1;
  const u = (n: number): number => Math.max(1, Math.round(n * scale));
  return {
    organizations: [
      {
        name: 'Acme Corp',
        domain: 'acme.example',
        directories: [{ name: 'Acme Okta', type: 'okta scim v2.0', users: u(8000), groups: 120 }],
      },
      {
        name: 'Globex',
        domain: 'globex.example',
        directories: [
          { name: 'Globex Entra ID', type: 'azure scim v2.0', users: u(5000), groups: 80 },
          { name: 'Globex Workday', type: 'workday', state: 'invalid_credentials', users: u(2000), groups: 25 },
        ],
      },
      {
        name: 'Initech',
        domain: 'initech.example',
        directories: [{ name: 'Initech Google Workspace', type: 'gsuite directory', users: u(3200), groups: 60 }],
      },
      {
        name: 'Umbrella Health',
        domain: 'umbrella.example',
        directories: [
          {
            name: 'Umbrella BambooHR',
            type: 'bamboohr',
            state: 'unlinked',
            users: u(1300),
            groups: 40,
            inactive_rate: 0.08,
          },
        ],
      },
      {
        name: 'Hooli',
        domain: 'hooli.example',
        directories: [
          { name: 'Hooli SCIM', type: 'generic scim v2.0', state: 'validating', users: u(500), groups: 20 },
        ],
      },
    ],
    history: { steps: 160, days: 14 },
  };
}

function largeSeed(o: PresetOverrides): SeedSpec {
  const dirs = o.directories ?? 1;
  return {
    organizations: Array.from({ length: dirs }, (_, i) => ({
      name: i === 0 ? 'Massive Dynamic' : `Massive Dynamic ${i + 1}`,
      directories: [
        { name: 'Massive Dynamic Okta', type: 'okta scim v2.0', users: o.users ?? 1_000_000, groups: 2000 },
      ],
    })),
    history: { steps: 0, days: 0 },
  };
}

/** Resolves the `seed` option: preset name, path to a JSON file, or an inline spec. */
export function resolveSeed(seed: string | SeedSpec | undefined, overrides: PresetOverrides): SeedSpec {
  // Presets go through the same validation, so `users: -5` fails with a clear message.
  if (seed === undefined || seed === 'small')
    return parseSeed(smallSeed(overrides), 'small preset (check users/directories)');
  if (seed === 'demo') return parseSeed(demoSeed(overrides), 'demo preset (check users)');
  if (seed === 'large') return parseSeed(largeSeed(overrides), 'large preset (check users/directories)');
  if (typeof seed !== 'string') return parseSeed(seed, 'seed option');
  let text: string;
  try {
    text = readFileSync(seed, 'utf8');
  } catch (err) {
    throw new Error(
      `Cannot read seed file ${seed} (${(err as NodeJS.ErrnoException).code ?? 'error'}); use demo, small, large or a JSON file path.`,
      { cause: err },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`Seed file ${seed} is not valid JSON.`, { cause: err });
  }
  return parseSeed(json, `seed file ${seed}`);
}

function parseSeed(value: unknown, where: string): SeedSpec {
  const parsed = seedSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw new Error(`Invalid ${where} at ${path}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
