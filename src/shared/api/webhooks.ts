/**
 * The webhook workbench slice of the ConsoleApi: verify a pasted delivery with diagnostics,
 * pull body and header out of a paste, run the local receiver and browse its inbox, diff two
 * payloads, re-sign and send, export. Secrets go in; they never come back out — responses
 * only say which secret (by its index in the list given) matched.
 */
import { z } from 'zod';
import { method, noInput } from './define.ts';

/** One verdict, one reason. `ok` is the only reason of a valid delivery. */
export const webhookReasons = [
  'ok',
  'missing_header',
  'malformed_header',
  'no_v1_signature',
  'timestamp_outside_tolerance',
  'timestamp_in_seconds',
  'signature_mismatch',
  'body_modified',
  'wrong_secret',
  'secret_malformed',
  'missing_secret',
  'empty_body',
  'invalid_json',
  'body_too_large',
  // Refused by the receiver before verification (stored all the same, so nothing is lost).
  'wrong_path',
  'method_not_allowed',
  'bad_request',
  // Verification itself failed (never expected): stored, answered 503 so the sender retries.
  'not_verified',
] as const;
export const webhookReasonSchema = z.enum(webhookReasons);
export type WebhookReason = z.infer<typeof webhookReasonSchema>;

/** The checklist steps, in the order the workbench shows them. */
export const webhookDiagnosticSteps = [
  'header_present',
  'header_format',
  'timestamp_unit',
  'timestamp_age',
  'secrets',
  'body',
  'signature',
  'body_mutation',
  'json_event',
  'sdk',
] as const;
export const webhookDiagnosticStepSchema = z.enum(webhookDiagnosticSteps);
export type WebhookDiagnosticStep = z.infer<typeof webhookDiagnosticStepSchema>;

export const diagnosticStatusSchema = z.enum(['pass', 'fail', 'warn', 'info', 'skipped']);
export type DiagnosticStatus = z.infer<typeof diagnosticStatusSchema>;

/** Scalar facts behind a diagnostic (e.g. `ageMs`, `expected`, `given`); never a secret. */
export const diagnosticFactsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const webhookDiagnosticSchema = z.object({
  step: webhookDiagnosticStepSchema,
  status: diagnosticStatusSchema,
  /** One line, e.g. "Timestamp is in seconds, WorkOS sends milliseconds". */
  title: z.string(),
  /** What it means and what to do about it. */
  detail: z.string(),
  facts: diagnosticFactsSchema,
});
export type WebhookDiagnostic = z.infer<typeof webhookDiagnosticSchema>;

/** How the body you have differs from the bytes WorkOS signed (found by trying the reverse). */
export const bodyChanges = [
  'whitespace',
  'key_order',
  'unicode_escaping',
  'line_endings',
  'trailing_newline',
  'bom',
  'surrounding_whitespace',
  'double_encoded',
  'reserialized',
  'utf8_decoding',
] as const;
export const bodyChangeSchema = z.enum(bodyChanges);
export type BodyChange = z.infer<typeof bodyChangeSchema>;

export const bodyMutationMatchSchema = z.object({
  /** Every way the received body differs from the signed one, most telling first. */
  changes: z.array(bodyChangeSchema).min(1),
  description: z.string(),
  /** Index into the secrets given. */
  secretIndex: z.number().int().nonnegative(),
  /** The signed body as the search reconstructed it (UTF-8 text), so it can be diffed. */
  signedBody: z.string(),
});
export type BodyMutationMatch = z.infer<typeof bodyMutationMatchSchema>;

export const webhookEventSummarySchema = z.object({
  id: z.string().nullable(),
  type: z.string().nullable(),
  createdAt: z.string().nullable(),
  directoryId: z.string().nullable(),
  organizationId: z.string().nullable(),
  userId: z.string().nullable(),
  groupId: z.string().nullable(),
  /** e.g. "user directory_user_01… (jane@example.com)". */
  label: z.string(),
  /** Attribute names listed in `data.previous_attributes` of `*.updated` events. */
  changedAttributes: z.array(z.string()),
});
export type WebhookEventSummary = z.infer<typeof webhookEventSummarySchema>;

export const webhookVerdictSchema = z.object({
  valid: z.boolean(),
  reason: webhookReasonSchema,
  /** One sentence a person can act on. */
  message: z.string(),
  /** Index of the secret that verified the delivery, or null. */
  matchedSecret: z.number().int().nonnegative().nullable(),
  /** The SDK's own words, verbatim (`null` when it accepted the delivery or was not asked). */
  sdkError: z.string().nullable(),
  diagnostics: z.array(webhookDiagnosticSchema),
  /** Set when the signature matches a reconstructed original body. */
  bodyMutation: bodyMutationMatchSchema.nullable(),
  event: webhookEventSummarySchema.nullable(),
  signatureTimestampMs: z.number().nullable(),
  bodyBytes: z.number().int().nonnegative(),
});
export type WebhookVerdict = z.infer<typeof webhookVerdictSchema>;

export const MAX_VERIFY_SECRETS = 20;
export const DEFAULT_TOLERANCE_S = 180;

export const bodyEncodingSchema = z.enum(['text', 'base64']);
export type BodyEncoding = z.infer<typeof bodyEncodingSchema>;

export const verifyWebhookInputSchema = z.object({
  /** The raw body: UTF-8 text, or base64 of the exact bytes (binary, BOM, non-UTF-8). */
  body: z.string(),
  bodyEncoding: bodyEncodingSchema.default('text'),
  /** The `WorkOS-Signature` header value (`t=<ms>, v1=<hex>`). */
  header: z.string(),
  secrets: z.array(z.string()).max(MAX_VERIFY_SECRETS),
  toleranceS: z.number().nonnegative().max(1e9).default(DEFAULT_TOLERANCE_S),
  /** "Now" in ms since the epoch; defaults to the clock. */
  nowMs: z.number().int().nonnegative().optional(),
});
export type VerifyWebhookInput = z.input<typeof verifyWebhookInputSchema>;

export const pastedHeaderSchema = z.object({ name: z.string(), value: z.string() });

export const parsedPasteSchema = z.object({
  kind: z.enum(['curl', 'http_request', 'header_and_body', 'body_only', 'empty']),
  /** The body text, or null when the paste had none. */
  body: z.string().nullable(),
  /** The WorkOS-Signature value found, or null. */
  header: z.string().nullable(),
  method: z.string().nullable(),
  url: z.string().nullable(),
  headers: z.array(pastedHeaderSchema),
  /** What the parser had to guess or could not find. */
  notes: z.array(z.string()),
});
export type ParsedPaste = z.infer<typeof parsedPasteSchema>;

export const receiverStatusSchema = z.object({
  running: z.boolean(),
  host: z.string(),
  port: z.number().int().nonnegative().nullable(),
  path: z.string(),
  url: z.string().nullable(),
  secretsConfigured: z.number().int().nonnegative(),
  /** Verified dsync.* deliveries are applied to the cache (change log source `webhook`). */
  applyToCache: z.boolean(),
  deliveries: z.number().int().nonnegative(),
  lastDeliveryAt: z.number().nullable(),
  error: z.string().nullable(),
});
export type ReceiverStatus = z.infer<typeof receiverStatusSchema>;

export const startReceiverInputSchema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  path: z
    .string()
    .regex(/^\/[\x21-\x7e]*$/, 'must start with "/" and contain no spaces')
    .max(512)
    .default('/webhooks/workos'),
  secrets: z.array(z.string()).max(MAX_VERIFY_SECRETS).default([]),
  toleranceS: z.number().nonnegative().max(1e9).default(DEFAULT_TOLERANCE_S),
  /** Apply verified dsync.* deliveries to the cache of every profile that holds their directory. */
  applyToCache: z.boolean().default(false),
});
export type StartReceiverInput = z.input<typeof startReceiverInputSchema>;

export const inboxItemSummarySchema = z.object({
  id: z.number().int().positive(),
  receivedAt: z.number(),
  status: z.number().int(),
  valid: z.boolean(),
  reason: webhookReasonSchema,
  matchedSecret: z.number().int().nonnegative().nullable(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  directoryId: z.string().nullable(),
  entityKey: z.string().nullable(),
  eventCreatedAt: z.string().nullable(),
  signatureTimestampMs: z.number().nullable(),
  bodyBytes: z.number().int().nonnegative(),
  /** Inbox id of the first valid delivery with the same event id. */
  duplicateOf: z.number().int().positive().nullable(),
  /** A newer event for the same user/group/membership had already arrived. */
  outOfOrder: z.boolean(),
});
export type InboxItemSummary = z.infer<typeof inboxItemSummarySchema>;

export const inboxItemSchema = inboxItemSummarySchema.extend({
  method: z.string(),
  path: z.string(),
  remoteAddress: z.string().nullable(),
  headers: z.array(pastedHeaderSchema),
  /** Exact bytes, base64. */
  bodyBase64: z.string(),
  /** The body as UTF-8 text when it is valid UTF-8, else null. */
  bodyText: z.string().nullable(),
  bodyTruncated: z.boolean(),
  verdict: webhookVerdictSchema,
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const listInboxInputSchema = z.object({
  /** Exact event type, or a prefix ending in `*` (`dsync.user.*`). */
  type: z.string().max(200).optional(),
  verdict: z.enum(['valid', 'invalid']).optional(),
  reason: webhookReasonSchema.optional(),
  directoryId: z.string().max(200).optional(),
  receivedFrom: z.number().optional(),
  receivedTo: z.number().optional(),
  /** Opaque keyset cursor from a previous page. */
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ListInboxInput = z.input<typeof listInboxInputSchema>;

export const inboxPageSchema = z.object({
  items: z.array(inboxItemSummarySchema),
  nextCursor: z.string().nullable(),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const payloadDiffEntrySchema = z.object({
  /** JSON pointer-ish path: `data.emails[0].value`. */
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed', 'type_changed']),
  /** JSON text of the value, or null when absent on that side. */
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type PayloadDiffEntry = z.infer<typeof payloadDiffEntrySchema>;

export const payloadDiffSchema = z.object({
  equal: z.boolean(),
  /** Same JSON value but different bytes (formatting, key order, escaping). */
  sameValueDifferentBytes: z.boolean(),
  aError: z.string().nullable(),
  bError: z.string().nullable(),
  entries: z.array(payloadDiffEntrySchema),
  truncated: z.boolean(),
});
export type PayloadDiff = z.infer<typeof payloadDiffSchema>;

export const resignAndSendInputSchema = z.object({
  payload: z.string(),
  secret: z.string().min(1, 'a secret is needed to sign'),
  url: z.url({ protocol: /^https?$/ }),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type ResignAndSendInput = z.input<typeof resignAndSendInputSchema>;

export const sendResultSchema = z.object({
  /** HTTP status, or null when the request never got an answer. */
  status: z.number().int().nullable(),
  ok: z.boolean(),
  /** The header sent (the signature, never the secret). */
  signatureHeader: z.string(),
  timestampMs: z.number(),
  responseExcerpt: z.string(),
  error: z.string().nullable(),
});
export type SendResult = z.infer<typeof sendResultSchema>;

export const replayInboxInputSchema = z.object({
  receivedFrom: z.number(),
  receivedTo: z.number(),
  onlyValid: z.boolean().default(true),
  secret: z.string().min(1, 'a secret is needed to sign'),
  url: z.url({ protocol: /^https?$/ }),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  maxItems: z.number().int().min(1).max(10_000).default(1_000),
});
export type ReplayInboxInput = z.input<typeof replayInboxInputSchema>;

export const replayResultSchema = z.object({
  results: z.array(z.object({ inboxId: z.number().int().positive(), result: sendResultSchema })),
  truncated: z.boolean(),
});

export const exportInboxItemInputSchema = z.object({
  id: z.number().int().positive(),
  format: z.enum(['fixture', 'curl']),
  /** For curl: where to send it (default: the receiver's own URL). */
  url: z.url({ protocol: /^https?$/ }).optional(),
});

export const exportedFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
});
export type ExportedFile = z.infer<typeof exportedFileSchema>;

export const applyOutcomes = [
  'applied',
  'new_directory',
  'duplicate',
  'stale',
  'unknown_directory',
  'ignored',
] as const;

export const cacheChangePreviewSchema = z.object({
  entityType: z.enum(['directory', 'user', 'group', 'membership']),
  entityId: z.string(),
  kind: z.enum(['added', 'removed', 'changed', 'state_changed']),
  /** The attribute for `changed`, else null. */
  field: z.string().nullable(),
  /** JSON text. */
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const applyPreviewSchema = z.object({
  event: webhookEventSummarySchema.nullable(),
  /** One entry per profile whose cache holds the event's directory. */
  profiles: z.array(
    z.object({
      profileId: z.string(),
      outcome: z.enum(applyOutcomes),
      changes: z.array(cacheChangePreviewSchema),
      truncated: z.boolean(),
    }),
  ),
  /** Why nothing would change, when nothing would (not a dsync event, unknown directory, …). */
  note: z.string().nullable(),
});
export type ApplyPreview = z.infer<typeof applyPreviewSchema>;

/*
 * Webhook state (receiver, inbox) is refreshed by the `webhookReceived` push, not by table
 * changes, so its queries read no cache table. Sending, replaying and running the receiver
 * act outside the process and are not queries.
 */
export const webhooksMethods = {
  verifyWebhook: method(verifyWebhookInputSchema, webhookVerdictSchema, { role: 'viewer', query: { reads: [] } }),
  parseWebhookPaste: method(z.object({ text: z.string() }), parsedPasteSchema, {
    role: 'viewer',
    query: { reads: [] },
  }),
  getWebhookReceiverStatus: method(noInput, receiverStatusSchema, { role: 'viewer', query: { reads: [] } }),
  startWebhookReceiver: method(startReceiverInputSchema, receiverStatusSchema, { role: 'admin' }),
  stopWebhookReceiver: method(noInput, receiverStatusSchema, { role: 'admin' }),
  listInbox: method(listInboxInputSchema, inboxPageSchema, { role: 'viewer', query: { reads: [] } }),
  getInboxItem: method(z.object({ id: z.number().int().positive() }), inboxItemSchema, {
    role: 'viewer',
    query: { reads: [] },
  }),
  diffPayloads: method(z.object({ a: z.string(), b: z.string() }), payloadDiffSchema, {
    role: 'viewer',
    query: { reads: [] },
  }),
  resignAndSend: method(resignAndSendInputSchema, sendResultSchema, { role: 'operator' }),
  replayInbox: method(replayInboxInputSchema, replayResultSchema, { role: 'operator' }),
  exportInboxItem: method(exportInboxItemInputSchema, exportedFileSchema, { role: 'viewer', query: { reads: [] } }),
  /** What applying this event body to the cache would change (a dry run, rolled back). */
  previewWebhookApply: method(z.object({ body: z.string() }), applyPreviewSchema, {
    role: 'viewer',
    query: { reads: ['directories', 'users', 'groups', 'memberships', 'tombstones'] },
  }),
};

export const webhooksEvents = {
  /** A delivery reached the receiver (valid or not). */
  webhookReceived: inboxItemSummarySchema,
};
