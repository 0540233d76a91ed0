/**
 * Pulls the body and the WorkOS-Signature header out of whatever a developer pastes: a curl
 * command, a raw HTTP request (as logged or copied from a proxy), a header line followed by
 * the body, or just a body. Never throws; what it had to guess goes into `notes`.
 */
import type { ParsedPaste } from '../../shared/api/webhooks.ts';
import { splitShellWords } from './shell-words.ts';

type Header = { name: string; value: string };

const SIGNATURE_HEADER = 'workos-signature';
const REQUEST_LINE = /^([A-Z]+) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/;
const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(.*)$/;
const BARE_SIGNATURE = /^\s*(?:workos-signature\s*:\s*)?(t=[^\r\n]*v1=[^\r\n]*)$/i;

function signatureFrom(headers: readonly Header[]): string | null {
  return headers.find((h) => h.name.toLowerCase() === SIGNATURE_HEADER)?.value ?? null;
}

function result(kind: ParsedPaste['kind'], fields: Partial<ParsedPaste>): ParsedPaste {
  return { kind, body: null, header: null, method: null, url: null, headers: [], notes: [], ...fields };
}

const DATA_FLAGS = new Set([
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--data-urlencode',
  '--json',
]);

function parseCurl(text: string): ParsedPaste {
  const { words, unterminatedQuote } = splitShellWords(text.replace(/^\s*\$\s+/, ''));
  const notes: string[] = [];
  if (unterminatedQuote) notes.push('A quote is not closed; the rest of the paste was taken as quoted.');
  const headers: Header[] = [];
  const bodies: string[] = [];
  let method: string | null = null;
  let url: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    const inline = /^(-[HdX])(.+)$/.exec(w);
    const flag = inline ? inline[1] : w;
    const value = inline ? inline[2] : next;
    const consume = (): void => {
      if (!inline) i++;
    };
    if (flag === '-H' || flag === '--header') {
      consume();
      const m = /^([^:]+):\s?([\s\S]*)$/.exec(value ?? '');
      if (m) headers.push({ name: (m[1] ?? '').trim(), value: m[2] ?? '' });
      else notes.push(`Ignored a header without ":" (${JSON.stringify((value ?? '').slice(0, 40))}).`);
    } else if (flag === '-X' || flag === '--request') {
      consume();
      method = value ?? null;
    } else if (flag !== undefined && DATA_FLAGS.has(flag)) {
      consume();
      if (value?.startsWith('@') && flag !== '--data-raw') {
        notes.push(`The body is read from a file (${value}); paste the file's content instead.`);
      } else if (value !== undefined) {
        bodies.push(value);
      }
      if (flag === '-d' || flag === '--data')
        notes.push('curl -d sends the text as given; use --data-binary for exact bytes from a file.');
    } else if (flag === '--url') {
      consume();
      url = value ?? null;
    } else if (!w.startsWith('-') && url === null) {
      url = w;
    }
  }
  if (bodies.length > 1) notes.push('Several data flags: curl joins them with "&", and so does this parser.');
  const header = signatureFrom(headers);
  if (header === null) notes.push('No WorkOS-Signature header (-H) in the command.');
  return result('curl', {
    body: bodies.length > 0 ? bodies.join('&') : null,
    header,
    method: method ?? (bodies.length > 0 ? 'POST' : 'GET'),
    url,
    headers,
    notes,
  });
}

function parseHttpRequest(text: string): ParsedPaste | null {
  const normalizedStart = text.replace(/^\s*\n/, '');
  const lines = normalizedStart.split(/\r?\n/);
  let index = 0;
  let method: string | null = null;
  let url: string | null = null;
  const request = REQUEST_LINE.exec((lines[0] ?? '').trim());
  if (request) {
    method = request[1] ?? null;
    url = request[2] ?? null;
    index = 1;
  }
  const headers: Header[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') break;
    const m = HEADER_LINE.exec(line);
    if (!m) return null;
    headers.push({ name: m[1] ?? '', value: (m[2] ?? '').trim() });
  }
  if (headers.length === 0 && !request) return null;
  const notes: string[] = [];
  // The body is everything after the first empty line, byte for byte as pasted.
  const separator = /\r?\n\r?\n/.exec(normalizedStart);
  const body = separator ? normalizedStart.slice(separator.index + separator[0].length) : null;
  if (body === null) notes.push('No empty line after the headers, so no body was found.');
  const contentLength = headers.find((h) => h.name.toLowerCase() === 'content-length')?.value;
  if (body !== null && contentLength !== undefined && /^\d+$/.test(contentLength)) {
    const actual = Buffer.byteLength(body, 'utf8');
    if (actual !== Number(contentLength)) {
      notes.push(
        `Content-Length says ${contentLength} bytes but the pasted body has ${actual}: the paste changed it (line endings or trailing newline?).`,
      );
    }
  }
  if (headers.some((h) => h.name.toLowerCase() === 'transfer-encoding' && /chunked/i.test(h.value))) {
    notes.push('The request is chunked; paste the de-chunked body.');
  }
  const header = signatureFrom(headers);
  if (header === null) notes.push('No WorkOS-Signature header among the headers.');
  return result('http_request', { body, header, method, url, headers, notes });
}

function parseHeaderAndBody(text: string): ParsedPaste | null {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => BARE_SIGNATURE.test(l));
  if (at < 0) return null;
  const header = BARE_SIGNATURE.exec(lines[at] as string)?.[1]?.trim() ?? null;
  const rest = [...lines.slice(0, at), ...lines.slice(at + 1)]
    .join('\n')
    .replace(/^\s*\n/, '')
    .replace(/\n\s*$/, '');
  return result('header_and_body', {
    body: rest === '' ? null : rest,
    header,
    headers: header ? [{ name: 'WorkOS-Signature', value: header }] : [],
    notes: ['Body and header were separated by line; blank lines around the body were dropped.'],
  });
}

export function parseWebhookPaste(text: string): ParsedPaste {
  if (text.trim() === '') return result('empty', { notes: ['Nothing was pasted.'] });
  if (/^\s*(?:\$\s+)?curl(?:\.exe)?\s/.test(text)) return parseCurl(text);
  const http = parseHttpRequest(text);
  if (http) return http;
  const pair = parseHeaderAndBody(text);
  if (pair) return pair;
  return result('body_only', { body: text, notes: ['No WorkOS-Signature found: paste it into the header field.'] });
}
