/**
 * Builders for the checklist the workbench shows: one diagnostic per step, each with a
 * status, a one-line title, a sentence on what to do, and the facts behind it. Secrets are
 * referred to by index and length only.
 */
import type { WebhookDiagnostic } from '../../shared/api/webhooks.ts';
import type { BodyView } from './body.ts';
import { describeSecretHint, type SecretAnalysis } from './secret-hints.ts';
import type { ParsedSignatureHeader } from './signature-header.ts';
import { describeDuration, type TimestampAnalysis } from './timestamp.ts';

type Diagnostic = WebhookDiagnostic;

export function headerPresentDiagnostic(header: ParsedSignatureHeader): Diagnostic {
  return header.blank
    ? {
        step: 'header_present',
        status: 'fail',
        title: 'No WorkOS-Signature header',
        detail:
          'Pass the value of the WorkOS-Signature header (many servers lower-case it to workos-signature). Without it nothing can be verified.',
        facts: { length: header.raw.length },
      }
    : {
        step: 'header_present',
        status: 'pass',
        title: 'WorkOS-Signature header present',
        detail: header.includesHeaderName
          ? 'The value includes the header name; only the part after "WorkOS-Signature:" is the value.'
          : 'The header value was provided.',
        facts: { length: header.raw.length, includesHeaderName: header.includesHeaderName },
      };
}

export function headerFormatDiagnostic(header: ParsedSignatureHeader, valid = false): Diagnostic {
  const facts = {
    parts: header.parts.length,
    timestamp: header.timestamp,
    v1Count: header.signatures.length,
    otherKeys: header.otherKeys.join(',') || null,
    partsWithoutEquals: header.partsWithoutEquals.length,
    reordered: header.reordered,
    sdkTimestamp: header.sdk.timestamp ?? null,
    sdkSignature: header.sdk.signature ?? null,
  };
  if (header.blank) {
    return { step: 'header_format', status: 'skipped', title: 'Header format', detail: 'No header.', facts };
  }
  const fail = (title: string, detail: string): Diagnostic => ({
    step: 'header_format',
    status: 'fail',
    title,
    detail,
    facts,
  });
  if (header.sdk.missingParts) {
    return fail(
      'Header is not "t=<ms>, v1=<hex>"',
      'The SDK splits the header on "," and needs two parts; this value has only one. Copy the whole header value.',
    );
  }
  if (header.reordered) {
    return fail(
      'Header parts are out of order',
      'WorkOS sends "t=…, v1=…". The Node SDK reads the first part as the timestamp and the second as the signature whatever their names, so any other order fails.',
    );
  }
  if (header.timestamp === null) return fail('No t= part', 'The header has no "t=<timestamp>" part.');
  if (header.signatures.length === 0 || header.signatures.every((s) => s === '')) {
    if (header.sdk.signature) {
      return {
        step: 'header_format',
        status: 'warn',
        title: 'The signature is not keyed v1',
        detail: `The second part is "${header.parts[1]?.key ?? ''}=…". The Node SDK reads it anyway (by position); the Go, Ruby and Python SDKs look for "v1=" and would reject it.`,
        facts,
      };
    }
    return fail('No v1= signature', 'The header has no "v1=<signature>" value; the SDK needs the v1 scheme.');
  }
  const warnings: string[] = [];
  if (header.signatures.length > 1) {
    warnings.push(`it has ${header.signatures.length} v1 values and the SDK checks only the first`);
  }
  if (header.otherKeys.length > 0) warnings.push(`it has extra parts (${header.otherKeys.join(', ')})`);
  if (header.partsWithoutEquals.length > 0) warnings.push(`${header.partsWithoutEquals.length} part(s) have no "="`);
  const spacing = header.spacingVariants;
  if (header.includesHeaderName) warnings.push('it includes the header name');
  if (spacing.length > 0) {
    const variants = spacing.join(', ');
    // The SDK signs the timestamp text as it reads it: a space inside it changes the HMAC.
    const sdkT = header.sdk.timestamp ?? '';
    if (sdkT !== sdkT.trim()) {
      return {
        ...fail(
          `Header spacing differs from WorkOS's: ${variants}`,
          `The Node SDK takes the timestamp as "${sdkT}" (with the space) and signs that, so a signature made over the bare number does not match. WorkOS sends "t=<ms>, v1=<hex>": one space after the comma and none elsewhere.`,
        ),
        status: valid ? 'warn' : 'fail',
      };
    }
    warnings.push(
      `its spacing differs from WorkOS's "t=<ms>, v1=<hex>" (${variants}): the Node SDK tolerates it, the Python SDK splits on ", " exactly and rejects it`,
    );
  }
  if (warnings.length > 0) {
    return {
      step: 'header_format',
      status: 'warn',
      title: 'Header parsed, with oddities',
      detail: `Parsed t and v1, but ${warnings.join('; ')}.`,
      facts,
    };
  }
  return {
    step: 'header_format',
    status: 'pass',
    title: 'Header is "t=…, v1=…"',
    detail: 'Parsed as WorkOS sends it.',
    facts,
  };
}

export function timestampUnitDiagnostic(ts: TimestampAnalysis): Diagnostic {
  const facts = { raw: ts.raw, unit: ts.unit, asMs: ts.asMs };
  if (ts.raw === null || ts.raw === '') {
    return { step: 'timestamp_unit', status: 'skipped', title: 'Timestamp unit', detail: 'No timestamp.', facts };
  }
  if (!ts.digitsOnly) {
    return {
      step: 'timestamp_unit',
      status: 'fail',
      title: 'Timestamp is not a number',
      detail: `"t" must be milliseconds since the epoch (13 digits); got ${JSON.stringify(ts.raw.slice(0, 40))}.`,
      facts,
    };
  }
  switch (ts.unit) {
    case 'ms':
      return {
        step: 'timestamp_unit',
        status: 'pass',
        title: 'Timestamp in milliseconds',
        detail: 'As WorkOS sends it.',
        facts,
      };
    case 's':
      return {
        step: 'timestamp_unit',
        status: 'fail',
        title: 'Timestamp is in seconds; WorkOS sends milliseconds',
        detail:
          'A seconds timestamp always looks decades old to the SDK. If you built this header yourself, use Date.now(), not Date.now()/1000.',
        facts,
      };
    default:
      return {
        step: 'timestamp_unit',
        status: 'fail',
        title:
          ts.unit === 'unknown'
            ? 'Timestamp is not a plausible time; WorkOS sends milliseconds'
            : `Timestamp looks like ${ts.unit === 'us' ? 'microseconds' : 'nanoseconds'}; WorkOS sends milliseconds`,
        detail: 'Expected 13 digits (milliseconds since 1970).',
        facts,
      };
  }
}

/** The finding for a timestamp further ahead than the tolerance, in the words. */
export function futureSentence(ageMs: number): string {
  return `Signed ${describeDuration(ageMs)} in the future: the Node SDK accepts it, the Python SDK rejects it; check clocks`;
}

export function timestampAgeDiagnostic(ts: TimestampAnalysis, toleranceMs: number, nowMs: number): Diagnostic {
  const facts = { ageMs: ts.ageMs, toleranceMs, nowMs, sdkAccepts: ts.sdkAccepts, future: ts.future };
  if (!ts.sdkAccepts) {
    const by =
      ts.ageMs === null
        ? ''
        : ` It is ${describeDuration(ts.ageMs)} old; the tolerance is ${describeDuration(toleranceMs)}.`;
    return {
      step: 'timestamp_age',
      status: 'fail',
      title: 'Timestamp outside the tolerance',
      detail: `The SDK rejects deliveries signed more than the tolerance ago (a replay, a clock off, or a delivery verified too late).${by}`,
      facts,
    };
  }
  if (ts.ageMs === null) {
    return {
      step: 'timestamp_age',
      status: 'warn',
      title: 'Timestamp not checked',
      detail:
        'The timestamp is not a number, so the SDK skips its age check (NaN compares false) and goes on to the signature.',
      facts,
    };
  }
  if (ts.futureBeyondTolerance) {
    return {
      step: 'timestamp_age',
      status: 'warn',
      title: `Signed ${describeDuration(ts.ageMs)} in the future`,
      detail: `${futureSentence(ts.ageMs)} (the tolerance is ${describeDuration(toleranceMs)}; the Node SDK's check is one-sided, the Python SDK's is not).`,
      facts,
    };
  }
  if (ts.future) {
    return {
      step: 'timestamp_age',
      status: 'pass',
      title: 'Timestamp is current (slightly ahead)',
      detail: `${describeDuration(ts.ageMs)} ahead of now.`,
      facts,
    };
  }
  return {
    step: 'timestamp_age',
    status: 'pass',
    title: `Signed ${describeDuration(ts.ageMs)} ago`,
    detail: `Within the tolerance of ${describeDuration(toleranceMs)}.`,
    facts,
  };
}

export function secretsDiagnostic(secrets: readonly SecretAnalysis[]): Diagnostic {
  const usable = secrets.filter((s) => s.length > 0);
  const facts: Record<string, number | string> = { given: secrets.length, usable: usable.length };
  const notes: string[] = [];
  for (const s of secrets) {
    facts[`secret${s.index}Length`] = s.length;
    if (s.hints.length > 0) {
      facts[`secret${s.index}Hints`] = s.hints.join(',');
      notes.push(`secret #${s.index + 1} ${s.hints.map(describeSecretHint).join(' and ')}`);
    }
  }
  if (usable.length === 0) {
    return {
      step: 'secrets',
      status: 'fail',
      title: secrets.length === 0 ? 'No secret given' : 'Every secret is empty',
      detail: 'Paste the webhook secret of the endpoint (WorkOS dashboard → Webhooks → the endpoint → Secret).',
      facts,
    };
  }
  if (notes.length > 0) {
    return { step: 'secrets', status: 'warn', title: 'Secret looks wrong', detail: `${notes.join('; ')}.`, facts };
  }
  return {
    step: 'secrets',
    status: 'pass',
    title: `${usable.length} secret(s) to try`,
    detail: 'Tried in order.',
    facts,
  };
}

export function bodyDiagnostic(view: BodyView): Diagnostic {
  const facts = {
    bytes: view.bytes.length,
    validUtf8: view.validUtf8,
    bom: view.hasBom,
    crlf: view.text.includes('\r\n'),
  };
  if (view.bytes.length === 0) {
    return {
      step: 'body',
      status: 'fail',
      title: 'Body is empty',
      detail:
        'The signature covers the exact request body. An empty body usually means the framework consumed the stream before you read it; read the raw body (e.g. express.raw) before any JSON parser.',
      facts,
    };
  }
  const notes: string[] = [];
  if (!view.validUtf8) notes.push('it is not valid UTF-8 (the SDK replaces bad bytes before hashing)');
  if (view.hasBom)
    notes.push('it starts with a byte-order mark, which WorkOS never sends and the SDK keeps in the signed text');
  if (notes.length > 0) {
    return {
      step: 'body',
      status: 'warn',
      title: 'Body bytes look unusual',
      detail: `The body arrived, but ${notes.join('; ')}.`,
      facts,
    };
  }
  return { step: 'body', status: 'pass', title: `Body of ${view.bytes.length} bytes`, detail: 'Valid UTF-8.', facts };
}
