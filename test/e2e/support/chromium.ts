/** The system Chromium Playwright uses; `.ci/run` installs it with apt when missing. */
import { existsSync } from 'node:fs';

export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('No Chromium found. Install it with `apt-get install chromium` or set CHROMIUM_PATH.');
  }
  return found;
}
