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
    // The chat page's own script: a classic browser script, no build step.
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'navigator', 'location', 'history', 'sessionStorage', 'fetch', 'crypto', 'setTimeout', 'clearTimeout'].map((g) => [g, 'readonly']),
      ),
    },
    rules: { 'no-console': 'error' },
  },
);
