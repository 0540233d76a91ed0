import { describe, expect, it } from 'vitest';
import { parseWebhookPaste } from '../../../src/main/webhooks/paste-parser.ts';
import { splitShellWords } from '../../../src/main/webhooks/shell-words.ts';

const HEADER = 't=1780000000000, v1=' + 'a'.repeat(64);
const BODY =
  '{"id":"event_1","event":"dsync.user.created","data":{"name":"O\'Brien"},"created_at":"2026-01-15T12:00:00.000Z"}';

describe('parseWebhookPaste', () => {
  it('reads a curl command with single-quoted body and headers', () => {
    const quoted = BODY.replace(/'/g, `'\\''`);
    const p = parseWebhookPaste(
      `curl -X POST https://example.com/webhooks \\\n  -H 'Content-Type: application/json' \\\n  -H 'WorkOS-Signature: ${HEADER}' \\\n  --data-raw '${quoted}'`,
    );
    expect(p).toMatchObject({
      kind: 'curl',
      header: HEADER,
      body: BODY,
      method: 'POST',
      url: 'https://example.com/webhooks',
    });
    expect(p.headers).toHaveLength(2);
  });

  it("reads double quotes, $'…' quoting, inline -H and lower-case header names", () => {
    const p = parseWebhookPaste(
      `$ curl "http://localhost:3000/hook" -H"workos-signature: ${HEADER}" --data-binary $'{"a":"\\u00e9\\n"}'`,
    );
    expect(p).toMatchObject({ kind: 'curl', header: HEADER, body: '{"a":"é\n"}', url: 'http://localhost:3000/hook' });
  });

  it('notes a body read from a file and a missing signature', () => {
    const p = parseWebhookPaste('curl https://x.test -d @event.json');
    expect(p.body).toBeNull();
    expect(p.header).toBeNull();
    expect(p.notes.join(' ')).toMatch(/file/);
    expect(p.notes.join(' ')).toMatch(/No WorkOS-Signature/);
  });

  it('reads a raw HTTP request, keeping the body bytes after the blank line', () => {
    const raw = `POST /webhooks/workos HTTP/1.1\r\nHost: example.ngrok.app\r\nContent-Type: application/json\r\nWorkOS-Signature: ${HEADER}\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`;
    const p = parseWebhookPaste(raw);
    expect(p).toMatchObject({
      kind: 'http_request',
      method: 'POST',
      url: '/webhooks/workos',
      header: HEADER,
      body: BODY,
    });
    expect(p.notes).toEqual([]);
  });

  it('flags a Content-Length that disagrees with the pasted body', () => {
    const p = parseWebhookPaste(`POST /h HTTP/1.1\nWorkOS-Signature: ${HEADER}\nContent-Length: 5\n\n${BODY}\n`);
    expect(p.notes.join(' ')).toMatch(/Content-Length says 5/);
  });

  it('reads headers without a request line', () => {
    const p = parseWebhookPaste(`content-type: application/json\nworkos-signature: ${HEADER}\n\n${BODY}`);
    expect(p).toMatchObject({ kind: 'http_request', header: HEADER, body: BODY });
  });

  it('reads a header line followed by a body', () => {
    const p = parseWebhookPaste(`${HEADER}\n\n${BODY}\n`);
    expect(p).toMatchObject({ kind: 'header_and_body', header: HEADER, body: BODY });
    const q = parseWebhookPaste(`${BODY}\nWorkOS-Signature: ${HEADER}`);
    expect(q).toMatchObject({ kind: 'header_and_body', header: HEADER, body: BODY });
  });

  it('falls back to a body only, and to empty', () => {
    expect(parseWebhookPaste(BODY)).toMatchObject({ kind: 'body_only', body: BODY, header: null });
    expect(parseWebhookPaste('  \n')).toMatchObject({ kind: 'empty', body: null });
  });

  it('never throws on odd input', () => {
    for (const text of [
      "curl '",
      'curl "abc',
      "curl $'\\x4",
      'POST',
      ':\n\n',
      'curl -H',
      'GET / HTTP/1.1\n',
      '\u0000\uD800🙂',
    ]) {
      expect(() => parseWebhookPaste(text)).not.toThrow();
    }
    expect(parseWebhookPaste("curl 'x").notes.join(' ')).toMatch(/quote/);
  });
});

describe('splitShellWords', () => {
  it('handles continuations from bash and cmd', () => {
    expect(splitShellWords('a \\\n b ^\r\n c').words).toEqual(['a', 'b', 'c']);
  });
  it('concatenates adjacent quoted parts', () => {
    expect(splitShellWords(`'a'"b"c\\ d`).words).toEqual(['abc d']);
  });
});
