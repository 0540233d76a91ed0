/**
 * The channel `dsync-console web --link` asks a running web console through: user-only files,
 * the secret required, bounded input, and clear words when no console is running.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LINK_CHANNEL_FILE, openLinkChannel, type LinkChannel } from '../../../src/main/web/link-channel.ts';
import { LinkRequestError, requestLink } from '../../../src/main/web/link-request.ts';

const dirs: string[] = [];
const channels: LinkChannel[] = [];
afterEach(async () => {
  for (const c of channels.splice(0)) await c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dsync-link-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string): Promise<{ channel: LinkChannel; issued: string[] }> {
  const issued: string[] = [];
  const channel = await openLinkChannel(dir, () => {
    const link = `http://127.0.0.1:1234/?token=t${issued.length}`;
    issued.push(link);
    return link;
  });
  channels.push(channel);
  return { channel, issued };
}

/** Sends raw bytes to the socket; resolves with whatever comes back before it closes. */
function rawExchange(socketPath: string, payload: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('error', () => {});
    socket.on('close', () => resolve(reply));
    socket.on('connect', () => socket.write(payload));
  });
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('link channel', () => {
  it('mints a new link per request through a 0600 socket and a 0600 channel file', async () => {
    const dir = dataDir();
    const { channel, issued } = await open(dir);
    if (process.platform !== 'win32') {
      expect(mode(channel.socketPath)).toBe(0o600);
      expect(mode(join(dir, LINK_CHANNEL_FILE))).toBe(0o600);
    }
    const first = await requestLink(dir);
    const second = await requestLink(dir);
    expect([first, second]).toEqual(issued);
    expect(first).not.toBe(second);
  });

  it('answers no link without the secret, and drops oversized or idle-garbage requests', async () => {
    const dir = dataDir();
    const { channel, issued } = await open(dir);
    const wrong = await rawExchange(channel.socketPath, JSON.stringify({ request: 'link', secret: 'guess' }) + '\n');
    expect(wrong).toContain('wrong secret');
    expect(await rawExchange(channel.socketPath, 'x'.repeat(10_000))).toBe('');
    expect(await rawExchange(channel.socketPath, '{not json\n')).toContain('not a link request');
    expect(issued).toEqual([]);
  });

  it('says no console is running, without creating the data dir, when there is none', async () => {
    const missing = join(dataDir(), 'nothing-here');
    await expect(requestLink(missing)).rejects.toThrow(/no web console is running/);
    expect(existsSync(missing)).toBe(false);
  });

  it('removes its channel file on close; a leftover file of an ended console is reported as such', async () => {
    const dir = dataDir();
    const { channel } = await open(dir);
    const info = readFileSync(join(dir, LINK_CHANNEL_FILE), 'utf8');
    await channel.close();
    channels.length = 0;
    expect(existsSync(join(dir, LINK_CHANNEL_FILE))).toBe(false);
    writeFileSync(join(dir, LINK_CHANNEL_FILE), info); // as a crashed console would leave it
    await expect(requestLink(dir)).rejects.toThrow(/has ended/);
    writeFileSync(join(dir, LINK_CHANNEL_FILE), 'garbage');
    const error = await requestLink(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkRequestError);
    expect((error as Error).message).toMatch(/not a web console's channel file/);
  });

  it('the newest of two consoles on one data dir answers, and the older one closing leaves it be', async () => {
    const dir = dataDir();
    const older = await open(dir);
    const newer = await open(dir);
    await older.channel.close();
    await requestLink(dir);
    expect(newer.issued).toHaveLength(1);
    expect(older.issued).toHaveLength(0);
  });
});
