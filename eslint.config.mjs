// Lint rules, including the import rules of design.md §3 (layers and dependency direction).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const channelOnly = {
  paths: [
    { name: 'botbuilder', message: 'botbuilder belongs only in src/bot, src/channels and src/server.' },
    { name: 'restify', message: 'restify belongs only in src/bot, src/channels and src/server.' },
  ],
  patterns: [
    { group: ['botbuilder-*', 'botframework-*'], message: 'Bot Framework packages belong only in the channel layer.' },
    { group: ['**/test/**', '../test/*', '../../test/*'], message: 'Nothing outside test/ imports from test/.' },
  ],
};

/**
 * What the pure folders (dialogs/, src/evaluator, src/render, src/understand) may not import
 * (design.md §3 rules 1 to 3): anything that does I/O, starts threads or reads the clock, the
 * process or the machine. A value import of these is an error; a type-only import is fine
 * (`allowTypeImports`), since it leaves nothing in the compiled code.
 * - Node built-ins (bare or `node:`): the file system, sockets and HTTP (fs, net, http, https,
 *   http2, tls, dgram, dns), other processes and threads (child_process, cluster, worker_threads),
 *   the terminal and debugger (readline, repl, inspector), the clock and scheduling (timers,
 *   perf_hooks), and what reads or changes the process and the machine (process, os, module, v8,
 *   vm). path, url, util, assert and buffer stay allowed: they only compute.
 * - Packages that talk to the outside: the databases (pg, better-sqlite3), Bot Framework and the
 *   web server (botbuilder, botframework-*, restify), logs and metrics (pino, prom-client), mail
 *   and sign-in (nodemailer, openid-client), and i18next (loads the locale files; render gets a
 *   `Translator` instead).
 * - Puente's own layers that do I/O or hold threads: the composition root (app, main), config
 *   (reads process.env and files), i18n, storage, server, channels, bot, staff, threads (the
 *   recognizer and checkpoint workers), conversation (runs a turn's I/O), cli and content (reads
 *   the locale files).
 * test/lint/pureFolders.test.ts lints snippets with this config to show each part bites.
 */
const NODE_IO =
  'fs|fs/promises|net|http|https|http2|tls|dgram|dns|dns/promises|child_process|cluster|worker_threads|readline|readline/promises|repl|inspector|timers|timers/promises|perf_hooks|process|os|module|v8|vm';
const IO_PACKAGES = 'pg|pg-.+|better-sqlite3|botbuilder|botbuilder-.+|botframework-.+|restify|restify-.+|pino|pino-.+|prom-client|nodemailer|openid-client|i18next';
const IO_LAYERS = 'app|main|config|i18n|storage|server|channels|bot|staff|threads|conversation|cli|content';
const pureImports = {
  patterns: [
    {
      regex: `^(node:)?(${NODE_IO})$`,
      allowTypeImports: true,
      message: 'Pure folders do no I/O, start no thread and read no clock (design.md §3): pass what you need in as a value.',
    },
    {
      regex: `^(${IO_PACKAGES})(/.*)?$`,
      allowTypeImports: true,
      message: 'Pure folders import no package that does I/O (design.md §3); a type-only import is fine.',
    },
    {
      regex: `^(\\.\\./)+(src/)?(${IO_LAYERS})(/.*)?$`,
      allowTypeImports: true,
      message: 'Pure folders import no layer that does I/O or holds threads (design.md §3); a type-only import is fine.',
    },
  ],
};

/** "No clock" in the evaluator (design.md §3): today is an argument of evaluate(), never read here. */
const noClock = [
  { selector: "NewExpression[callee.name='Date']", message: 'The evaluator reads no clock: take the day as an argument (evaluate(answers, today)).' },
  { selector: "CallExpression[callee.name='Date']", message: 'The evaluator reads no clock: take the day as an argument (evaluate(answers, today)).' },
  { selector: "MemberExpression[object.name='Date']", message: 'The evaluator reads no clock: take the day as an argument (evaluate(answers, today)).' },
  { selector: "MemberExpression[object.name='performance']", message: 'The evaluator reads no clock.' },
  { selector: "MemberExpression[object.name='process'][property.name='hrtime']", message: 'The evaluator reads no clock.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'web/vendor/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', channelOnly] },
  },
  {
    files: ['src/bot/**/*.ts', 'src/channels/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [channelOnly.patterns[1]] }],
    },
  },
  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: channelOnly.paths,
          patterns: [
            {
              regex: '^(?!xstate$|zod$|\\.\\.?/|\\.\\./\\.\\./src/evaluator/).*',
              message: 'dialogs/ imports only xstate, zod and evaluator types (design.md §3).',
            },
            { group: ['**/src/!(evaluator)/**', '**/src/*.ts'], message: 'dialogs/ imports only evaluator types from src/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/evaluator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./\\.\\./dialogs/intake/answers$).*',
              message: 'The evaluator imports nothing outside itself but the IntakeAnswers type (design.md §3).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['dialogs/**/*.ts', 'src/evaluator/**/*.ts', 'src/render/**/*.ts', 'src/understand/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', pureImports] },
  },
  {
    files: ['src/evaluator/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noClock] },
  },
  {
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config reads process.env.' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts', 'scripts/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off', 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // The chat page's own script: browser ES modules (<script type="module">), no build step.
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'navigator', 'location', 'history', 'sessionStorage', 'fetch', 'crypto', 'setTimeout', 'clearTimeout'].map((g) => [g, 'readonly']),
      ),
    },
    rules: { 'no-console': 'error' },
  },
);
