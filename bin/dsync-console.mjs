#!/usr/bin/env node
// Entry point of the `dsync-console` command. The core is TypeScript; it runs from a bundle
// rebuilt whenever the sources change (see cli-bundle.mjs), so a fresh clone works right after
// `npm install`, without a build step, and starts in about half a second.
import { loadCli } from './cli-bundle.mjs';

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));
