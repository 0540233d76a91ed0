/** A verification reason code in words, for lists; the code itself stays visible as a badge. */
const words: Record<string, string> = {
  ok: 'valid',
  missing_header: 'no signature header',
  malformed_header: 'unreadable signature header',
  no_v1_signature: 'no v1 signature',
  timestamp_outside_tolerance: 'too old or from the future',
  timestamp_in_seconds: 'timestamp in seconds, not ms',
  signature_mismatch: 'signature does not match',
  body_modified: 'body changed after signing',
  wrong_secret: 'signed with another secret',
  secret_malformed: 'secret is malformed',
  missing_secret: 'no secret to check with',
  empty_body: 'empty body',
  invalid_json: 'body is not JSON',
  body_too_large: 'body too large',
};

export function reasonWords(code: string): string {
  return words[code] ?? code.replace(/_/g, ' ');
}
