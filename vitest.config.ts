import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts'],
    environment: 'node',
    // Consoles started by tests, in-process or as child processes, never sync on their own:
    // each test drives its syncs. (Tests also pass autoSync: false to createConsoleCore.)
    env: { DSYNC_CONSOLE_NO_AUTOSYNC: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: run files in parallel but not more than the machine has.
    maxWorkers: 2,
  },
});
