/**
 * The team server's settings: the identity provider (OpenID Connect issuer, client id and
 * secret), how IdP groups or e-mail addresses map to roles, session lifetimes, and where the
 * key that encrypts API keys at rest comes from. Read from a JSON file (`--config`) and the
 * environment (DSYNC_OIDC_* etc., which win, so a secret manager can supply secrets); every
 * mistake is reported with the setting's name and what to do.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { roles, type Role } from '../../shared/api.ts';

const emailList = z.array(z.string().trim().toLowerCase().min(3)).default([]);
const groupList = z.array(z.string().min(1)).default([]);

const roleMapSchema = z
  .object({
    /** The ID-token / userinfo claim holding the person's groups. */
    groupsClaim: z.string().min(1).default('groups'),
    groups: z.object({ viewer: groupList, operator: groupList, admin: groupList }).partial().default({}),
    emails: z.object({ viewer: emailList, operator: emailList, admin: emailList }).partial().default({}),
  })
  .default({ groupsClaim: 'groups', groups: {}, emails: {} });
export type RoleMap = z.infer<typeof roleMapSchema>;

const fileSchema = z
  .object({
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    oidc: z
      .object({
        issuer: z.url({ protocol: /^https?$/ }),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1).optional(),
        scopes: z.string().default('openid email profile'),
      })
      .optional(),
    roles: roleMapSchema,
    session: z
      .object({
        idleMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(30),
        absoluteHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .default(12),
      })
      .default({ idleMinutes: 30, absoluteHours: 12 }),
    keyEncryptionKeyFile: z.string().min(1).optional(),
    /** Start the webhook receiver (loopback; route WorkOS to it through the proxy) and apply deliveries. */
    webhooks: z
      .object({
        port: z.number().int().min(0).max(65535),
        path: z
          .string()
          .regex(/^\/[\x21-\x7e]*$/)
          .default('/webhooks/workos'),
        /** Prefer DSYNC_WEBHOOK_SECRETS (comma-separated) over putting secrets in the file. */
        secrets: z.array(z.string().min(1)).default([]),
        toleranceS: z.number().int().min(1).max(3600).default(180),
      })
      .optional(),
    backups: z
      .object({
        dir: z.string().min(1),
        everyHours: z
          .number()
          .min(0.1)
          .max(24 * 7)
          .default(24),
        keep: z.number().int().min(1).max(1000).default(7),
      })
      .optional(),
  })
  .strict();

export type ServerConfig = z.infer<typeof fileSchema> & {
  /** Where the key-encryption key came from, for the start-up line (never the key). */
  keyEncryptionKey?: Buffer;
  keyEncryptionKeySource?: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(error: z.ZodError, where: string): string {
  const issue = error.issues[0]!;
  const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  return `${where}: ${path}: ${issue.message}`;
}

/** Decodes a 32-byte key given as base64 or 64 hex digits. */
export function parseEncryptionKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(
      `${where} must hold a 32-byte key (base64 or 64 hex digits); create one with "openssl rand -base64 32".`,
    );
  }
  return key;
}

export function loadServerConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`Cannot read the server config ${file}: ${(err as Error).message}`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new ConfigError(`The server config ${file} is not valid JSON.`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ConfigError(`The server config ${file} must be a JSON object.`);
    }
  }
  const oidc = { ...((raw.oidc as Record<string, unknown> | undefined) ?? {}) };
  if (env.DSYNC_OIDC_ISSUER) oidc.issuer = env.DSYNC_OIDC_ISSUER;
  if (env.DSYNC_OIDC_CLIENT_ID) oidc.clientId = env.DSYNC_OIDC_CLIENT_ID;
  if (env.DSYNC_OIDC_CLIENT_SECRET) oidc.clientSecret = env.DSYNC_OIDC_CLIENT_SECRET;
  const merged: Record<string, unknown> = {
    ...raw,
    ...(Object.keys(oidc).length > 0 ? { oidc } : {}),
    ...(env.DSYNC_PUBLIC_URL ? { publicUrl: env.DSYNC_PUBLIC_URL } : {}),
    ...(env.DSYNC_KEY_ENCRYPTION_KEY_FILE ? { keyEncryptionKeyFile: env.DSYNC_KEY_ENCRYPTION_KEY_FILE } : {}),
  };
  if (env.DSYNC_WEBHOOK_SECRETS && merged.webhooks && typeof merged.webhooks === 'object') {
    merged.webhooks = { ...merged.webhooks, secrets: env.DSYNC_WEBHOOK_SECRETS.split(',').map((s) => s.trim()) };
  }
  const parsed = fileSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(describe(parsed.error, file ?? 'server settings from the environment'));
  const config: ServerConfig = parsed.data;
  if (env.DSYNC_KEY_ENCRYPTION_KEY) {
    config.keyEncryptionKey = parseEncryptionKey(env.DSYNC_KEY_ENCRYPTION_KEY, 'DSYNC_KEY_ENCRYPTION_KEY');
    config.keyEncryptionKeySource = 'env DSYNC_KEY_ENCRYPTION_KEY';
  } else if (config.keyEncryptionKeyFile) {
    let text: string;
    try {
      text = readFileSync(config.keyEncryptionKeyFile, 'utf8');
    } catch (err) {
      throw new ConfigError(`Cannot read the key-encryption key file: ${(err as Error).message}`);
    }
    config.keyEncryptionKey = parseEncryptionKey(text, `The key-encryption key file ${config.keyEncryptionKeyFile}`);
    config.keyEncryptionKeySource = `file ${config.keyEncryptionKeyFile}`;
  }
  return config;
}

/** The highest role the person's groups or e-mail address grant, or null for none. */
export function roleFor(claims: Record<string, unknown>, map: RoleMap): Role | null {
  const rawGroups = claims[map.groupsClaim];
  const groups = new Set(Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : []);
  const email =
    typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.trim().toLowerCase() : null;
  for (const role of [...roles].reverse()) {
    if ((map.groups[role] ?? []).some((g) => groups.has(g))) return role;
    if (email && (map.emails[role] ?? []).includes(email)) return role;
  }
  return null;
}
