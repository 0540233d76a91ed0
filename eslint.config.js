// Lint: typescript-eslint + react-hooks, and the folder boundaries described in
// docs/architecture.md ("Where each concern lives"), enforced with no-restricted-imports
// (electron only in the shell and preload, the renderer only reaches src/shared, src/shared
// reaches neither Node nor the DOM, the two hosts take nothing from each other).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];
const electron = { name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' };

/**
 * A cache write transaction ends by bringing the user search indexes up to date
 * (src/main/store/user-search-index.ts): better-sqlite3's own `transaction()` would skip that.
 */
const directTransaction = {
  selector: "CallExpression[callee.property.name='transaction']",
  message: 'Write through inTransaction (src/main/store/exec.ts): it also updates the user search indexes.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '**/node_modules/**',
      'test/fixtures/**',
      'tools/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    // The product behaves the same under test: tests pass options, the code never asks.
    files: ['src/**', 'bin/**', 'scripts/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.object.name='process'][object.property.name='env'][property.name='VITEST']",
          message: 'Production code must not read process.env.VITEST: let tests pass the option instead.',
        },
        directTransaction,
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { 'no-restricted-syntax': ['error', directTransaction] },
  },
  {
    // Tests of the shell may name Electron's types (fake events), never load it.
    files: ['test/unit/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ ...electron, allowTypeImports: true }] }] },
  },
  {
    files: ['src/main/electron/**', 'src/preload/**', 'test/electron/**', 'scripts/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The two hosts are peers: what both need (the contract, the CSP) lives where both take it from.
    files: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/web/**'], message: 'The Electron shell takes nothing from the web host.' }] },
      ],
    },
  },
  {
    files: ['src/main/web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/electron/**'], message: 'The web host takes nothing from the Electron shell.' }],
        },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/emulator/**'],
              message: 'The preload reaches only src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/emulator/**'],
              message: 'The renderer reaches the core only through src/shared and the api module.',
            },
            { group: nodeBuiltins, message: 'The renderer runs in a browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            { group: nodeBuiltins, message: 'src/shared must run anywhere: no Node modules.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/emulator/**', 'react', 'react-dom'],
              message: 'src/shared imports nothing from the other layers.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core runs under every host (Electron, the web console, the CLI, the team server):
    // it never reaches into a host's folder nor the libraries only a host needs.
    files: ['src/main/store/**', 'src/main/sync/**', 'src/main/workos/**', 'src/main/webhooks/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['commander', 'commander/*'],
              message: 'The core takes no command-line library: flags belong in src/main/cli.',
            },
            {
              group: ['hono', 'hono/*', '@hono/*'],
              message: 'The core takes no HTTP framework: routes belong in src/main/web.',
            },
            {
              group: ['**/cli', '**/cli/**', '**/web', '**/web/**'],
              message: 'The core never imports a host (src/main/cli, src/main/web): hosts import the core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/emulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'The emulator is standalone: it reaches only src/shared.',
            },
          ],
        },
      ],
    },
  },
);
