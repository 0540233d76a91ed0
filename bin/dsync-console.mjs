#!/usr/bin/env node
// Entry point of the `dsync-console` command. The core is TypeScript run through tsx, so a
// fresh clone works right after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
