/**
 * Turns an inbox item into something to keep or share: a fixture JSON file (exact body and
 * headers, for tests) or a curl command that re-sends the exact bytes.
 */
import type { ExportedFile, InboxItem } from '../../shared/api/webhooks.ts';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function baseName(item: InboxItem): string {
  const type = (item.eventType ?? 'delivery').replace(/[^A-Za-z0-9._-]/g, '_');
  const id = (item.eventId ?? `inbox-${item.id}`).replace(/[^A-Za-z0-9._-]/g, '_');
  return `webhook-${type}-${id}`;
}

export function exportFixture(item: InboxItem): ExportedFile {
  const fixture = {
    description: `WorkOS webhook delivery captured by dsync-console (inbox #${item.id})`,
    receivedAt: new Date(item.receivedAt).toISOString(),
    method: item.method,
    path: item.path,
    headers: item.headers,
    /** Exact bytes: `body` when they are UTF-8 text, `bodyBase64` always. */
    body: item.bodyText,
    bodyBase64: item.bodyBase64,
    bodyTruncated: item.bodyTruncated,
    verdict: { valid: item.valid, reason: item.reason, status: item.status },
    event: item.verdict.event,
  };
  return {
    fileName: `${baseName(item)}.json`,
    mimeType: 'application/json',
    content: JSON.stringify(fixture, null, 2) + '\n',
  };
}

/** Headers worth re-sending (hop-by-hop and host-specific ones are dropped). */
const DROPPED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding', 'keep-alive']);

export function exportCurl(item: InboxItem, url: string): ExportedFile {
  const headerArgs = item.headers
    .filter((h) => !DROPPED.has(h.name.toLowerCase()))
    .map((h) => `  -H ${shellQuote(`${h.name}: ${h.value}`)} \\`);
  const lines = [
    `# WorkOS webhook delivery captured by dsync-console (inbox #${item.id}).`,
    `# Its signature timestamp is ${item.signatureTimestampMs === null ? 'unknown' : new Date(item.signatureTimestampMs).toISOString()}; receivers reject it after the tolerance (3 min by default). Re-sign to replay later.`,
  ];
  // Text bodies go inline; anything else is piped from base64 so every byte survives.
  if (item.bodyText !== null && !/[\0\r]/.test(item.bodyText)) {
    lines.push(`curl -sS -X POST ${shellQuote(url)} \\`, ...headerArgs, `  --data-binary ${shellQuote(item.bodyText)}`);
  } else {
    lines.push(
      `printf %s ${shellQuote(item.bodyBase64)} | base64 -d | curl -sS -X POST ${shellQuote(url)} \\`,
      ...headerArgs,
      '  --data-binary @-',
    );
  }
  return { fileName: `${baseName(item)}.sh`, mimeType: 'text/x-shellscript', content: lines.join('\n') + '\n' };
}
