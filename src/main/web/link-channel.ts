/**
 * The running web console's side of `dsync-console web --link`: a local channel on which it
 * hands out a new one-time link, so a second browser or a closed tab needs no restart.
 *
 * The channel is a Unix domain socket (mode 0600, in the data directory, which is 0700) or, on
 * Windows, a named pipe with a random name. Its address and a random secret are written to
 * `web-console.json` in the data directory (mode 0600); a request must carry that secret, so
 * only someone who can read the data directory (its owner) can ask. A link minted here is like
 * the printed one: its token works once, and the server still only answers its own address.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const LINK_CHANNEL_FILE = 'web-console.json';
/** A request or answer is one short JSON line; anything longer is not ours. */
export const MAX_LINE_BYTES = 4096;
const IDLE_MS = 3000;
/** sun_path holds 104 (macOS) to 108 (Linux) bytes; a longer data dir gets a private temp dir. */
const MAX_SOCKET_PATH = 100;

export interface LinkChannelInfo {
  pid: number;
  socket: string;
  secret: string;
}

export interface LinkChannel {
  readonly socketPath: string;
  close(): Promise<void>;
}

/** Reads one newline-terminated line of at most MAX_LINE_BYTES from a socket. */
export function readLine(socket: Socket, onLine: (line: string | null) => void): void {
  let buffered = '';
  let done = false;
  const finish = (line: string | null): void => {
    if (done) return;
    done = true;
    socket.off('data', onData);
    onLine(line);
  };
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('utf8');
    const end = buffered.indexOf('\n');
    if (end >= 0) finish(buffered.slice(0, end));
    else if (buffered.length > MAX_LINE_BYTES) finish(null);
  };
  socket.on('data', onData);
  socket.once('end', () => finish(null));
  socket.once('close', () => finish(null));
}

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const SOCKET_NAME = /^web-console-[0-9a-f]{8}\.sock$/;

/** Each console its own name: closing a socket removes its file, which must never be another's. */
function socketPathFor(dataDir: string): { path: string; privateDir?: string } {
  if (process.platform === 'win32') return { path: `\\\\.\\pipe\\dsync-console-${randomBytes(16).toString('hex')}` };
  const inDataDir = join(dataDir, `web-console-${randomBytes(4).toString('hex')}.sock`);
  if (Buffer.byteLength(inDataDir) <= MAX_SOCKET_PATH) return { path: inDataDir };
  const privateDir = mkdtempSync(join(tmpdir(), 'dsync-console-')); // created 0700
  return { path: join(privateDir, 'web.sock'), privateDir };
}

function readInfo(file: string): LinkChannelInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LinkChannelInfo;
  } catch {
    return null;
  }
}

function processGone(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A console that crashed leaves its socket behind; remove it (only ours, only in the data dir). */
function removeStaleSocket(dataDir: string, infoFile: string): void {
  const stale = readInfo(infoFile);
  if (!stale || !processGone(stale.pid) || typeof stale.socket !== 'string') return;
  if (dirname(stale.socket) === dataDir && SOCKET_NAME.test(basename(stale.socket)))
    rmSync(stale.socket, { force: true });
}

function answer(socket: Socket, body: object): void {
  socket.end(JSON.stringify(body) + '\n');
}

/** Opens the channel; `issueLink` mints a new one-time link each time it is called. */
export async function openLinkChannel(dataDir: string, issueLink: () => string): Promise<LinkChannel> {
  const secret = randomBytes(32).toString('base64url');
  const { path: socketPath, privateDir } = socketPathFor(dataDir);
  const infoFile = join(dataDir, LINK_CHANNEL_FILE);
  // With two consoles on one data dir, the newest answers `--link`.
  if (process.platform !== 'win32') removeStaleSocket(dataDir, infoFile);

  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    readLine(socket, (line) => {
      if (line === null) return void socket.destroy();
      let request: { secret?: unknown; request?: unknown };
      try {
        request = JSON.parse(line) as typeof request;
      } catch {
        return answer(socket, { error: 'not a link request' });
      }
      if (typeof request?.secret !== 'string' || !sameSecret(request.secret, secret)) {
        return answer(socket, { error: 'wrong secret' });
      }
      if (request.request !== 'link') return answer(socket, { error: 'unknown request' });
      answer(socket, { link: issueLink() });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {});
  if (process.platform !== 'win32') chmodSync(socketPath, 0o600);

  const info: LinkChannelInfo = { pid: process.pid, socket: socketPath, secret };
  const partial = `${infoFile}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(info) + '\n', { mode: 0o600 });
  renameSync(partial, infoFile);

  return {
    socketPath,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Another console may have taken the data dir over since: leave its files alone.
      if (readInfo(infoFile)?.secret === secret) rmSync(infoFile, { force: true });
      if (privateDir) rmSync(privateDir, { recursive: true, force: true });
    },
  };
}
