/** `--directory <id or name>`: an id, else an exact (case-sensitive) name; else exit 2 naming the known ones. */
import type { ReadableDB } from '../store/db-types.ts';
import { directoryNamesOf, type DirectoryName } from '../store/queries/directory-listing.ts';
import { oneLine } from './args.ts';
import { CliUsageError } from './errors.ts';

const KNOWN_SHOWN = 20;

function listed(dirs: readonly DirectoryName[]): string {
  const shown = dirs.slice(0, KNOWN_SHOWN).map((d) => `${oneLine(d.name)} (${oneLine(d.id)})`);
  if (dirs.length > KNOWN_SHOWN) shown.push(`and ${dirs.length - KNOWN_SHOWN} more (see "dsync-console directories")`);
  return shown.join(', ');
}

export function pickDirectory(dirs: readonly DirectoryName[], value: string): string {
  if (dirs.some((d) => d.id === value)) return value;
  const named = dirs.filter((d) => d.name === value);
  if (named.length === 1) return named[0]!.id;
  const shownValue = oneLine(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (named.length > 1)
    throw new CliUsageError(`${named.length} directories are named "${shownValue}"; give one id: ${listed(named)}.`);
  if (dirs.length === 0)
    throw new CliUsageError(`There is no directory "${shownValue}": this profile has no cached directories yet.`);
  throw new CliUsageError(`There is no directory "${shownValue}". Known: ${listed(dirs)}.`);
}

export function resolveDirectoryArg(db: ReadableDB, profileId: string, value: string): string {
  return pickDirectory(directoryNamesOf(db, profileId), value);
}
