/**
 * Verifying a body too large to hold in memory (the `verify` CLI on a file or stdin): the
 * SDK's algorithm, step for step, fed chunk by chunk. The SDK decodes the whole body to one
 * string (UTF-8, BOM kept, bad bytes → U+FFFD), HMACs `${t}.${text}`, then JSON.parses it:
 * on 200 MB that peaks above 1 GB. Here the same decoder runs in streaming mode, every HMAC
 * (each secret, and the near misses the checklist names) is updated per chunk, and a streaming
 * syntax check stands in for JSON.parse — so memory stays flat whatever the size.
 *
 * Order of the SDK's checks, kept: header parts → v1 present → timestamp age → signature →
 * JSON. What it cannot do on such a body: the body-mutation search (re-serialising hundreds
 * of MB) and mapping the event's fields; the checklist says so.
 */
import { createHmac, type Hmac } from 'node:crypto';
import type { WebhookDiagnostic, WebhookReason, WebhookVerdict } from '../../shared/api/webhooks.ts';
import {
  headerFormatDiagnostic,
  headerPresentDiagnostic,
  secretsDiagnostic,
  timestampAgeDiagnostic,
  timestampUnitDiagnostic,
} from './diagnostics.ts';
import { JsonSyntaxCheck } from './json-syntax.ts';
import { reasonMessage } from './reason-messages.ts';
import { analyzeSecret, describeSecretHint, type SecretAnalysis } from './secret-hints.ts';
import { parseSignatureHeader, type ParsedSignatureHeader } from './signature-header.ts';
import { analyzeTimestamp } from './timestamp.ts';

interface Probe {
  readonly secretIndex: number;
  readonly cleaned: boolean;
  /** Signed over the timestamp as the SDK reads it, or the trimmed keyed `t`. */
  readonly timestampKind: 'sdk' | 'trimmed';
  readonly hmac: Hmac;
}

export class StreamingVerifier {
  private readonly header: ParsedSignatureHeader;
  private readonly secrets: SecretAnalysis[];
  private readonly probes: Probe[] = [];
  private readonly rawProbes: Array<{ secretIndex: number; hmac: Hmac }> = [];
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  private validUtf8 = true;
  private readonly json = new JsonSyntaxCheck();
  private bytes = 0;
  private firstBytes: number[] = [];

  constructor(
    headerValue: string,
    private readonly rawSecrets: readonly string[],
    private readonly toleranceMs: number,
    private readonly nowMs: number,
  ) {
    this.header = parseSignatureHeader(headerValue);
    this.secrets = rawSecrets.map(analyzeSecret);
    const sdkT = this.header.sdk.timestamp ?? '';
    const trimmedT = this.header.timestamp ?? sdkT.trim();
    for (const s of this.secrets) {
      for (const variant of s.variants) {
        const cleaned = variant.fixes.length > 0;
        this.probes.push({
          secretIndex: s.index,
          cleaned,
          timestampKind: 'sdk',
          hmac: this.start(variant.value, sdkT),
        });
        if (!cleaned && trimmedT !== sdkT) {
          this.probes.push({
            secretIndex: s.index,
            cleaned,
            timestampKind: 'trimmed',
            hmac: this.start(variant.value, trimmedT),
          });
        }
        if (!cleaned) this.rawProbes.push({ secretIndex: s.index, hmac: this.start(variant.value, trimmedT) });
      }
    }
  }

  private start(secret: string, timestamp: string): Hmac {
    return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8');
  }

  update(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.firstBytes.length < 3) this.firstBytes.push(...chunk.subarray(0, 3 - this.firstBytes.length));
    const text = this.decoder.decode(chunk, { stream: true });
    this.feed(text);
    for (const p of this.rawProbes) p.hmac.update(chunk);
    if (this.validUtf8) {
      try {
        this.strict.decode(chunk, { stream: true });
      } catch {
        this.validUtf8 = false;
      }
    }
  }

  private feed(text: string): void {
    if (text === '') return;
    for (const p of this.probes) p.hmac.update(text, 'utf8');
    this.json.update(text);
  }

  finish(): WebhookVerdict {
    this.feed(this.decoder.decode());
    if (this.validUtf8) {
      try {
        this.strict.decode();
      } catch {
        this.validUtf8 = false;
      }
    }
    const header = this.header;
    const given = header.sdk.signature;
    const digests = this.probes.map((p) => ({ ...p, digest: p.hmac.digest('hex') }));
    const exact = digests.find((d) => !d.cleaned && d.timestampKind === 'sdk' && d.digest === given);
    const sigs = [...header.signatures, ...(given === undefined ? [] : [given])].map((g) => g.trim().toLowerCase());
    const near = digests.find((d) => sigs.includes(d.digest));
    const rawMatch = this.validUtf8 ? undefined : this.rawProbes.find((p) => sigs.includes(p.hmac.digest('hex')));
    const ts = analyzeTimestamp(
      header.timestamp ?? header.sdk.timestamp?.trim() ?? null,
      header.sdk.timestamp,
      this.nowMs,
      this.toleranceMs,
    );
    const usable = this.secrets.filter((s) => s.length > 0);
    const jsonOk = this.json.end() && !this.startsWithNull();

    let reason: WebhookReason;
    if (header.blank) reason = 'missing_header';
    else if (usable.length === 0) reason = 'missing_secret';
    else if (header.sdk.missingParts || header.reordered) reason = 'malformed_header';
    else if (!given) reason = 'no_v1_signature';
    else if (!ts.sdkAccepts) reason = ts.unit === 's' ? 'timestamp_in_seconds' : 'timestamp_outside_tolerance';
    else if (exact) reason = jsonOk ? 'ok' : this.bytes === 0 ? 'empty_body' : 'invalid_json';
    else if (near && !near.cleaned) reason = 'malformed_header';
    else if (near) reason = 'secret_malformed';
    else if (rawMatch) reason = 'body_modified';
    else if (this.secrets.some((s) => s.hints.some((h) => h !== 'newline'))) reason = 'wrong_secret';
    else reason = 'signature_mismatch';
    const valid = reason === 'ok';
    const matched = exact && valid ? exact.secretIndex : null;
    const evidence = this.secrets
      .filter((s) => s.hints.length > 0)
      .map((s) => `secret #${s.index + 1} ${s.hints.map(describeSecretHint).join(' and ')}`)
      .join('; ');
    const diagnostics: WebhookDiagnostic[] = [
      headerPresentDiagnostic(header),
      headerFormatDiagnostic(header, valid),
      timestampUnitDiagnostic(ts),
      timestampAgeDiagnostic(ts, this.toleranceMs, this.nowMs),
      secretsDiagnostic(this.secrets),
      this.bodyDiagnostic(),
      this.signatureDiagnostic(exact?.secretIndex ?? null, near?.secretIndex ?? rawMatch?.secretIndex ?? null),
      {
        step: 'json_event',
        status: jsonOk ? 'info' : 'fail',
        title: jsonOk ? 'Body is JSON (syntax checked while streaming)' : 'Body is not JSON',
        detail: jsonOk
          ? 'Too large to parse in memory: checked for JSON syntax as it streamed; the event itself was not summarised.'
          : 'JSON.parse would fail on this body, so constructEvent fails even with a valid signature.',
        facts: { bytes: this.bytes },
      },
    ];
    return {
      valid,
      reason,
      message: reasonMessage(
        reason,
        matched ?? near?.secretIndex ?? null,
        rawMatch
          ? { changes: ['utf8_decoding'], description: '', secretIndex: rawMatch.secretIndex, signedBody: '' }
          : null,
        {
          secretEvidence: evidence || null,
        },
      ),
      matchedSecret: matched,
      sdkError: null,
      diagnostics,
      bodyMutation: null,
      event: null,
      signatureTimestampMs: ts.asMs,
      bodyBytes: this.bytes,
    };
  }

  /** The SDK maps the parsed event's fields; a bare `null` makes that throw (TypeError). */
  private startsWithNull(): boolean {
    return this.json.isNull;
  }

  private bodyDiagnostic(): WebhookDiagnostic {
    const bom = this.firstBytes[0] === 0xef && this.firstBytes[1] === 0xbb && this.firstBytes[2] === 0xbf;
    const notes: string[] = [];
    if (!this.validUtf8) notes.push('it is not valid UTF-8 (the SDK replaces bad bytes before hashing)');
    if (bom) notes.push('it starts with a byte-order mark, which WorkOS never sends');
    return {
      step: 'body',
      status: this.bytes === 0 ? 'fail' : notes.length > 0 ? 'warn' : 'pass',
      title: this.bytes === 0 ? 'Body is empty' : `Body of ${this.bytes} bytes (verified as a stream)`,
      detail:
        notes.length > 0
          ? `The body arrived, but ${notes.join('; ')}.`
          : "Hashed as it was read, with the SDK's decoding; too large for the body-change search.",
      facts: { bytes: this.bytes, validUtf8: this.validUtf8, bom, streamed: true },
    };
  }

  private signatureDiagnostic(exact: number | null, near: number | null): WebhookDiagnostic {
    const facts = { given: this.header.sdk.signature ?? null, matchedSecret: exact ?? near };
    if (exact !== null)
      return {
        step: 'signature',
        status: 'pass',
        title: `Signature matches secret #${exact + 1}`,
        detail: 'HMAC-SHA256 of "t.body" equals v1.',
        facts,
      };
    if (near !== null)
      return {
        step: 'signature',
        status: 'fail',
        title: `Secret #${near + 1} matches once the header or secret is read differently`,
        detail:
          'A v1 value matches after trimming, lower-casing, cleaning up the secret or reading the raw bytes: see the header and secret steps.',
        facts,
      };
    return {
      step: 'signature',
      status: 'fail',
      title: 'No secret reproduces the signature',
      detail:
        "Either the secret is not this endpoint's or the body's content changed; a body this large is not searched for formatting changes.",
      facts,
    };
  }
}
