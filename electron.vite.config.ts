/**
 * electron-vite builds the three Electron targets: main (the core + shell), preload (the
 * bridge, CommonJS because sandboxed preloads cannot be ES modules) and the renderer.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/electron/main.ts'),
          // The sync worker thread is loaded by file name at run time (src/main/sync/worker).
          'sync-worker': resolve(import.meta.dirname, 'src/main/sync/worker/sync-worker.ts'),
          // Read-only queries answer from their own thread (src/main/core/query-worker).
          'query-worker': resolve(import.meta.dirname, 'src/main/core/query-worker/query-worker.ts'),
          // A full sync's cache writes run on a thread of their own (src/main/store/writer-thread).
          'cache-writer': resolve(import.meta.dirname, 'src/main/store/writer-thread/cache-writer.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything it uses (zod, the contract).
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
