/**
 * Fault injection settings and their compact text form for CLI flags and the admin endpoint:
 * `latency=200,jitter=50,error=0.1,status=503,reset=0.05,burst=3,429=0.1,retry-after=1,slow=0.2,
 * slow-ms=2000,malformed=0.1,paths=/directory_users|/events`.
 */
import { z } from 'zod';

export const faultSpecSchema = z
  .object({
    latencyMs: z.number().min(0).max(600_000).optional(),
    jitterMs: z.number().min(0).max(600_000).optional(),
    /** Share of requests answered with a 5xx. */
    errorRate: z.number().min(0).max(1).optional(),
    errorStatus: z.number().int().min(500).max(599).optional(),
    /** Share of requests whose connection is reset before any response. */
    resetRate: z.number().min(0).max(1).optional(),
    /** The next N API requests get 429 (decrements as it is used). */
    rateLimitBurst: z.number().int().min(0).optional(),
    /** Share of requests answered with a spurious 429. */
    rateLimitRate: z.number().min(0).max(1).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    /** Share of responses whose body trickles out over `slowBodyMs`. */
    slowBodyRate: z.number().min(0).max(1).optional(),
    slowBodyMs: z.number().min(0).max(600_000).optional(),
    /** Share of 2xx responses whose JSON body is cut short (still labelled application/json). */
    malformedRate: z.number().min(0).max(1).optional(),
    /** Only requests whose path starts with one of these are affected (default: all API paths). */
    paths: z.array(z.string().startsWith('/')).optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

const KEYS: Record<string, { field: keyof FaultSpec; kind: 'number' | 'int' | 'paths' }> = {
  latency: { field: 'latencyMs', kind: 'number' },
  jitter: { field: 'jitterMs', kind: 'number' },
  error: { field: 'errorRate', kind: 'number' },
  status: { field: 'errorStatus', kind: 'int' },
  reset: { field: 'resetRate', kind: 'number' },
  burst: { field: 'rateLimitBurst', kind: 'int' },
  '429': { field: 'rateLimitRate', kind: 'number' },
  'retry-after': { field: 'retryAfterSeconds', kind: 'int' },
  slow: { field: 'slowBodyRate', kind: 'number' },
  'slow-ms': { field: 'slowBodyMs', kind: 'number' },
  malformed: { field: 'malformedRate', kind: 'number' },
  paths: { field: 'paths', kind: 'paths' },
};

/** Parses the text form; throws one clear line naming the bad part. */
export function parseFaultSpec(text: string): FaultSpec {
  const out: Record<string, unknown> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const def = KEYS[key];
    if (!def) throw new Error(`Unknown fault "${key}" in "${text}". Known: ${Object.keys(KEYS).join(', ')}.`);
    if (def.kind === 'paths') {
      out[def.field] = value.split('|').filter((p) => p !== '');
      continue;
    }
    const n = Number(value);
    if (value === '' || !Number.isFinite(n) || (def.kind === 'int' && !Number.isInteger(n))) {
      throw new Error(`Fault "${key}" needs a ${def.kind === 'int' ? 'whole ' : ''}number, got "${value}".`);
    }
    out[def.field] = n;
  }
  return validateFaultSpec(out);
}

export function validateFaultSpec(value: unknown): FaultSpec {
  const parsed = faultSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid fault spec: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
