export function locateElectron(cwd: string): { ok: true; path: string } | { ok: false; reason: string };
