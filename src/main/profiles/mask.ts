/** What the renderer and logs may see of a key: its kind and last four characters. */
export function maskKey(key: string): string {
  const prefix = /^(sk_(?:live|test)_)/.exec(key)?.[1] ?? (key.startsWith('sk_') ? 'sk_' : '');
  return `${prefix}…${key.slice(-4)}`;
}
