/**
 * The project's root folder (where package.json lives), found by walking up from a module.
 * Code runs from source (src/main/…), from the CLI bundle (out/node/cli.js) and from the
 * Electron build (out/main/…): a fixed number of `../` is right for only one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'dsync-console';

export function findPackageRoot(fromUrl: string): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === PACKAGE_NAME) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${fileURLToPath(fromUrl)}.`);
    dir = parent;
  }
}
