/**
 * Turns what someone typed into an FTS5 query: each word becomes a quoted prefix term, so
 * punctuation and FTS operators in the input are matched literally, never interpreted.
 */
export function ftsPrefixQuery(input: string): string | null {
  const words = input
    .split(/[\s@.,;:()"'`+\-_/\\]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' AND ');
}
