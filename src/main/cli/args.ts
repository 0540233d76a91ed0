/** Value parsers for CLI options: each rejects bad input with a one-line reason. */
import { InvalidArgumentError } from 'commander';
import { terminalText } from './terminal-text.ts';

const SHOWN_MAX = 60;

/** Makes text safe to print as part of one terminal line (the CLI's one function for that). */
export function oneLine(text: string): string {
  return terminalText(text);
}

/** A user-supplied value as shown in an error message: quoted, escaped, and cut short. */
function shown(value: string): string {
  const cut = [...value].length > SHOWN_MAX ? `${[...value].slice(0, SHOWN_MAX).join('')}…` : value;
  return `"${oneLine(cut)}"`;
}

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${shown(value)} is not a port number (0–65535).`);
  const n = Number(value);
  if (n > 65535) throw new InvalidArgumentError(`${n} is out of range (0–65535).`);
  return n;
}

export function parsePositiveInt(label: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${shown(value)} is not a whole number (${label}).`);
    const n = Number(value);
    if (n < 1 || n > max) throw new InvalidArgumentError(`${n} is out of range for ${label} (1–${max}).`);
    return n;
  };
}

export function parseNonNegativeNumber(label: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError(`${shown(value)} is not a non-negative number (${label}).`);
    }
    return n;
  };
}

export function parseHost(value: string): string {
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(value))
    throw new InvalidArgumentError(`${shown(value)} is not a host name or address.`);
  return value.replace(/^\[(.*)\]$/, '$1');
}

export function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.toString();
  } catch {
    throw new InvalidArgumentError(`${shown(value)} is not an http(s) URL.`);
  }
}

/** A folder path; refuses what is clearly the next flag (e.g. `--data-dir --json`). */
export function parseDir(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('the folder path is empty.');
  if (value.startsWith('--'))
    throw new InvalidArgumentError(`"${value}" looks like an option, not a folder; give a path.`);
  return value;
}
