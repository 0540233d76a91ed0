/**
 * `dsync-console web --link`'s side of the link channel (see link-channel.ts): asks the web
 * console running on a data directory for a new one-time link. Reads only; it never creates
 * or changes the data directory.
 */
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { LINK_CHANNEL_FILE, readLine, type LinkChannelInfo } from './link-channel.ts';

const ANSWER_TIMEOUT_MS = 5000;

/** Why no link could be had, worded for the user. */
export class LinkRequestError extends Error {}

function notRunning(dataDir: string, detail: string): LinkRequestError {
  return new LinkRequestError(
    `no web console is running on ${dataDir} (${detail}); start one with \`dsync-console web\`, ` +
      'or pass the --data-dir it uses',
  );
}

function readInfo(dataDir: string): LinkChannelInfo {
  const file = join(dataDir, LINK_CHANNEL_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notRunning(dataDir, `no ${LINK_CHANNEL_FILE}`);
    throw new LinkRequestError(`cannot read ${file}: ${code ?? String(error)}`);
  }
  try {
    const info = JSON.parse(text) as Partial<LinkChannelInfo>;
    if (typeof info.socket === 'string' && typeof info.secret === 'string') return info as LinkChannelInfo;
  } catch {
    // reported below
  }
  throw new LinkRequestError(`${file} is not a web console's channel file; delete it and start the console again`);
}

/** A link as the console mints it: http, a token, nothing a terminal could take for a command. */
function checkedLink(value: unknown): string {
  if (typeof value !== 'string') throw new LinkRequestError('the web console answered without a link');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LinkRequestError('the web console answered with something that is not a link');
  }
  if (url.protocol !== 'http:' || !/^[A-Za-z0-9_-]+$/.test(url.searchParams.get('token') ?? '')) {
    throw new LinkRequestError('the web console answered with something that is not a console link');
  }
  return url.href;
}

export async function requestLink(dataDir: string): Promise<string> {
  const info = readInfo(dataDir);
  return new Promise<string>((resolve, reject) => {
    const socket = createConnection(info.socket);
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(ANSWER_TIMEOUT_MS, () =>
      fail(new LinkRequestError(`the web console did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)),
    );
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
        fail(notRunning(dataDir, 'the one that wrote its channel file has ended'));
      } else fail(new LinkRequestError(`cannot reach the web console: ${error.code ?? error.message}`));
    });
    socket.once('connect', () => socket.write(JSON.stringify({ request: 'link', secret: info.secret }) + '\n'));
    readLine(socket, (line) => {
      if (line === null) return fail(new LinkRequestError('the web console closed the channel without answering'));
      let reply: { link?: unknown; error?: unknown };
      try {
        reply = JSON.parse(line) as typeof reply;
      } catch {
        return fail(new LinkRequestError('the web console answered with something that is not JSON'));
      }
      if (reply?.error !== undefined) {
        const reason = String(reply.error)
          .slice(0, 100)
          .replace(/[^\x20-\x7e]/g, '?');
        return fail(new LinkRequestError(`the web console refused: ${reason}`));
      }
      try {
        resolve(checkedLink(reply?.link));
        socket.end();
      } catch (error) {
        fail(error as Error);
      }
    });
  });
}
