/**
 * The lint rules that keep dialogs/, src/evaluator, src/render and src/understand pure (design.md §3)
 * bite: snippets linted with the repository's own eslint.config.mjs, as if they were files in those
 * folders. A value import of I/O, a thread or the clock is an error there; a type-only import is not;
 * the same import elsewhere is not. The evaluator also reads no clock.
 *
 * ESLint loads its flat config with import(), which Jest's CommonJS runtime does not offer, so the
 * snippets are linted in one child Node process.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Snippet {
  file: string;
  code: string;
}

const LINT_SNIPPETS = `
const { ESLint } = require('eslint');
const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const s of snippets) {
    const [result] = await eslint.lintText(s.code, { filePath: s.file });
    out.push(result.messages.map((m) => m.ruleId));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

/** The rule ids each snippet breaks, one list per snippet. */
function lint(snippets: readonly Snippet[]): string[][] {
  const out = execFileSync(process.execPath, ['-e', LINT_SNIPPETS], { cwd: ROOT, input: JSON.stringify(snippets), encoding: 'utf8' });
  return JSON.parse(out) as string[][];
}

const PURITY = '@typescript-eslint/no-restricted-imports';
const CLOCK = 'no-restricted-syntax';

/** [folder file, code, the rules it must break ([] = clean)] */
const cases: [string, string, string[]][] = [
  ['src/understand/snippet.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", [PURITY]],
  ['src/understand/snippet.ts', "import { Worker } from 'worker_threads';\nexport const w = Worker;\n", [PURITY]],
  ['src/understand/snippet.ts', "import type { Worker } from 'node:worker_threads';\nexport type W = Worker;\n", []],
  ['src/understand/snippet.ts', "import { RecognizerThread } from '../threads/recognizerThread';\nexport const t = RecognizerThread;\n", [PURITY]],
  ['src/render/snippet.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n", [PURITY]],
  ['src/render/snippet.ts', "import { request } from 'node:https';\nexport const r = request;\n", [PURITY]],
  ['src/render/snippet.ts', "import { setTimeout } from 'node:timers/promises';\nexport const s = setTimeout;\n", [PURITY]],
  ['src/render/snippet.ts', "import type { OrgProfile } from '../config';\nexport type O = OrgProfile;\n", []],
  ['src/render/snippet.ts', "import { loadConfig } from '../config';\nexport const c = loadConfig;\n", [PURITY]],
  ['src/render/snippet.ts', "import { join } from 'node:path';\nexport const j = join;\n", []],
  ['dialogs/intake/snippet.ts', "import { openStorage } from '../../src/storage';\nexport const o = openStorage;\n", [PURITY]],
  // The evaluator's own rule (nothing outside itself) says so too.
  ['src/evaluator/snippet.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", ['no-restricted-imports', PURITY]],
  ['src/evaluator/snippet.ts', 'export const now = (): number => Date.now();\n', [CLOCK]],
  ['src/evaluator/snippet.ts', 'export const today = (): Date => new Date();\n', [CLOCK]],
  ['src/evaluator/snippet.ts', 'export const year = (today: Date): number => today.getUTCFullYear();\n', []],
  // Outside the pure folders the same imports are fine.
  ['src/storage/snippet.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", []],
  ['src/conversation/snippet.ts', 'export const now = (): number => Date.now();\n', []],
];

describe('pure folders, checked by lint', () => {
  const results = lint(cases.map(([file, code]) => ({ file, code })));

  it.each(cases.map((c, i) => [c[0], c[1].split('\n')[0], c[2], i] as const))('%s: %s -> %j', (_file, _line, rules, i) => {
    expect(results[i]).toEqual(rules);
  });
});
