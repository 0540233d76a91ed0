/**
 * JSON bodies decoded to one-byte strings (non-ASCII as \u escapes) parse to exactly what the
 * UTF-8 text parses to; bytes that are not valid UTF-8, or an escape that the rewriting could
 * change, are left to the usual decoder.
 */
import { describe, expect, it } from 'vitest';
import { asciiJsonText } from '../../../src/main/workos/ascii-json-text.ts';
import { boundedFetch } from '../../../src/main/workos/request-bounds.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('asciiJsonText', () => {
  const samples: unknown[] = [
    { name: 'Katarzyna Szymański', city: 'İstanbul', note: 'Zoë, Åsa, Łukasz, Ðorđe' },
    { kanji: '山田太郎', emoji: '👩🏽‍💻 🎉', math: '𝔘𝔫𝔦', rtl: 'مرحبا', nbsp: 'a\u00a0b', ls: 'a\u2028b' },
    ['plain ascii', 1, 2.5, true, null, { nested: [{ deep: 'ü' }] }],
    { escaped: 'quote " backslash \\ tab \t ü', unicodeEscapeText: '\\u00e9 stays text' },
    { key_ñ: 'keys are strings too', ключ: 'значение' },
  ];
  it.each(samples.map((s) => [JSON.stringify(s).slice(0, 40), s]))(
    'parses back to the same value: %s',
    (_label, value) => {
      const text = asciiJsonText(utf8(JSON.stringify(value)));
      expect(text).not.toBeNull();
      expect([...text!].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
      expect(JSON.parse(text!)).toEqual(value);
    },
  );

  it('a body larger than the reused output space parses back the same', () => {
    const value = { users: Array.from({ length: 6000 }, (_, i) => ({ id: i, name: `Łukasz Wróbel ${i} 👩🏽‍💻` })) };
    const bytes = utf8(JSON.stringify(value));
    expect(bytes.byteLength * 3).toBeGreaterThan(512 * 1024);
    expect(JSON.parse(asciiJsonText(bytes)!)).toEqual(value);
    // and the reused space still serves the next small body
    expect(JSON.parse(asciiJsonText(utf8('{"a":"ü"}'))!)).toEqual({ a: 'ü' });
  });

  it('keeps ASCII as it is and drops a byte order mark', () => {
    expect(asciiJsonText(utf8('{"a":"b"}'))).toBe('{"a":"b"}');
    expect(asciiJsonText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"é":1}')]))).toBe('{"\\u00e9":1}');
  });

  it('gives up on bytes that are not valid UTF-8', () => {
    const invalid: number[][] = [
      [0x22, 0xff, 0x22], // never a UTF-8 byte
      [0x22, 0xc3, 0x22], // truncated two-byte sequence
      [0x22, 0xc0, 0xaf, 0x22], // overlong '/'
      [0x22, 0xe0, 0x80, 0xaf, 0x22], // overlong three-byte
      [0x22, 0xed, 0xa0, 0x80, 0x22], // a UTF-16 surrogate encoded in UTF-8
      [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22], // above U+10FFFF
      [0x22, 0x80, 0x22], // continuation byte without a lead
      [0x22, 0xe2, 0x82], // cut at the end
    ];
    for (const bytes of invalid) expect(asciiJsonText(new Uint8Array(bytes)), JSON.stringify(bytes)).toBeNull();
  });

  it('gives up when a non-ASCII character follows a backslash (an invalid escape stays invalid)', () => {
    const bytes = utf8('{"a":"\\é"}');
    expect(() => JSON.parse(new TextDecoder().decode(bytes))).toThrow(SyntaxError);
    expect(asciiJsonText(bytes)).toBeNull();
  });

  it('leaves non-ASCII outside strings a syntax error', () => {
    const text = asciiJsonText(utf8('{"a": 1}\u00a0'));
    expect(() => JSON.parse(text!)).toThrow(SyntaxError);
  });
});

describe('bounded responses', () => {
  const respond = (body: Uint8Array, contentType: string): typeof fetch =>
    (async () => new Response(body, { headers: { 'content-type': contentType } })) as unknown as typeof fetch;

  it('a JSON body reads as the same value, a text body as its text, invalid UTF-8 as the decoder gives it', async () => {
    const value = { data: [{ name: 'Szymański 山田 👩🏽‍💻' }] };
    const json = await boundedFetch(1024 * 1024, respond(utf8(JSON.stringify(value)), 'application/json'))('http://x/');
    expect(JSON.parse(await json.text())).toEqual(value);
    const text = await boundedFetch(1024 * 1024, respond(utf8('héllo'), 'text/plain'))('http://x/');
    expect(await text.text()).toBe('héllo');
    const broken = await boundedFetch(
      1024 * 1024,
      respond(new Uint8Array([0x22, 0xff, 0x22]), 'application/json'),
    )('http://x/');
    expect(await broken.text()).toBe('"\ufffd"');
  });
});
