/**
 * Issue 19, point 3: no pattern that runs on typed text has super-linear behaviour. Every regular
 * expression literal in the code that reads typed text (src/understand, src/conversation, src/bot,
 * src/channels) is found in the source with the TypeScript parser, so a new one is checked without
 * anyone listing it, and run against long adversarial inputs (runs of spaces, letters, digits and
 * punctuation between likely prefixes and a tail that fails the match). A linear pattern reads
 * 20,000 characters in well under a millisecond; a quadratic one takes hundreds. So that a busy
 * machine cannot fail a linear pattern, a pattern fails only when it is both slow on 20,000
 * characters and grows faster than its input: eight times the input taking over twenty times as
 * long (a linear pattern takes about eight times, a quadratic one sixty-four). Each time is the
 * best of three runs, so a pause of the process is not counted.
 *
 * And the turn itself: a message over MAX_TYPED_CHARS is not read at all, and gets a friendly reply
 * in the person's language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { handleTurn, MAX_TYPED_CHARS, typedText, type TurnDeps } from '../../src/conversation';
import { loadOrgProfile } from '../../src/config';
import { createTexts } from '../../src/i18n';
import { memoryStores } from '../support/memoryStores';

const ROOT = path.resolve(__dirname, '../..');
const FOLDERS = ['src/understand', 'src/conversation', 'src/bot', 'src/channels'];

interface Found {
  where: string;
  re: RegExp;
}

function regexLiterals(): Found[] {
  const found: Found[] = [];
  for (const folder of FOLDERS) {
    for (const name of readdirSync(path.join(ROOT, folder)).filter((n) => n.endsWith('.ts'))) {
      const file = path.join(folder, name);
      const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(source);
          const end = text.lastIndexOf('/');
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          found.push({ where: `${file}:${line} ${text.slice(0, 60)}`, re: new RegExp(text.slice(1, end), text.slice(end + 1)) });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found;
}

const LENGTH = 20_000;
const PREFIXES = ['', '1', 'a', 'since ', '5 '];
const RUNS = [' ', 'a', '1', ' a', '1 ', '.', '-', '\t', 'á'];
const TAILS = ['x', '!'];
const inputs = (length: number) => PREFIXES.flatMap((p) => RUNS.flatMap((r) => TAILS.map((t) => p + r.repeat(Math.ceil(length / r.length)) + t)));
const LONG = inputs(LENGTH);
const SHORT = inputs(LENGTH / 8);

/** The best of three runs of `re` over `input` (ms): `test` for a plain pattern, `replace` for a global one. */
function timed(re: RegExp, input: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    re.lastIndex = 0;
    const t0 = performance.now();
    if (re.global) input.replace(re, ' ');
    else re.test(input);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** The slowest long input through `re`, and how much longer it took than the same input an eighth as long. */
function slowest(re: RegExp): { ms: number; growth: number; input: string } {
  let worst = { ms: 0, growth: 0, input: '' };
  LONG.forEach((input, i) => {
    const ms = timed(re, input);
    if (ms > worst.ms) worst = { ms, growth: ms / Math.max(timed(re, SHORT[i]!), 0.01), input: `${JSON.stringify(input.slice(0, 8))}…(${input.length})` };
  });
  return worst;
}

describe('patterns on typed text', () => {
  const patterns = regexLiterals();

  it('are found in the source (the scan itself works)', () => {
    expect(patterns.length).toBeGreaterThan(20);
    expect(patterns.some((p) => p.where.includes('timeInUs.ts'))).toBe(true);
  });

  it('each read 20,000-character adversarial inputs in linear time', () => {
    // Twice: the first run of a pattern includes its compilation.
    for (const p of patterns) slowest(p.re);
    const slow = patterns.map((p) => ({ where: p.where, ...slowest(p.re) })).filter((r) => r.ms > 40 && r.growth > 20);
    expect(slow).toEqual([]);
  });
});

describe('typed text at the entry of a turn', () => {
  it('is normalised (NFC, control characters and whitespace runs as one space, trimmed)', () => {
    expect(typedText('  5\u0000\u0007 \t\n  years  ')).toEqual({ text: '5 years', tooLong: false });
    expect(typedText('an\u0303o')).toEqual({ text: 'año', tooLong: false });
    expect(typedText(`yes${' '.repeat(20_000)}`)).toEqual({ text: 'yes', tooLong: false });
    expect(typedText(undefined)).toEqual({ text: undefined, tooLong: false });
  });

  it('is refused beyond MAX_TYPED_CHARS, however long', () => {
    expect(typedText('a'.repeat(MAX_TYPED_CHARS)).tooLong).toBe(false);
    expect(typedText('a'.repeat(MAX_TYPED_CHARS + 1)).tooLong).toBe(true);
    expect(typedText('a '.repeat(5_000_000)).tooLong).toBe(true);
  });

  function deps(): TurnDeps {
    const stores = memoryStores();
    return {
      ...stores,
      texts: createTexts(),
      profile: loadOrgProfile(path.join(ROOT, 'config/organization.example.json')),
      log: { info: () => undefined, warn: () => undefined },
      now: () => new Date('2026-11-23T12:00:00Z'),
    };
  }

  it('a message too long gets a friendly reply in the person’s language, and changes nothing', async () => {
    const d = deps();
    const texts = createTexts();
    const conversationId = 'c-long';
    await handleTurn({ conversationId, kind: 'message', text: 'español', channelLocale: 'es-US' }, d);
    const before = await d.sessions.load(conversationId);
    const long = `sí ${'palabra '.repeat(400)}`;
    const out = await handleTurn({ conversationId, kind: 'message', text: long }, d);
    expect(out.locale).toBe('es');
    expect(out.replies[0]?.text).toBe(texts.translator('es').t('common:errors.tooLong'));
    expect(out.replies.at(-1)?.channelData?.question).toBe('consent');
    expect((await d.sessions.load(conversationId))?.eTag).toBe(before?.eTag);
    // And in English for an English conversation (here a new one).
    const en = await handleTurn({ conversationId: 'c-long-en', kind: 'message', text: 'x'.repeat(1500), channelLocale: 'en-US' }, d);
    expect(en.replies[0]?.text).toBe(texts.translator('en').t('common:errors.tooLong'));
  });

  it('a 20,000-space message takes no longer to answer than a short one', async () => {
    const d = deps();
    await handleTurn({ conversationId: 'c-spaces', kind: 'message', text: 'English', channelLocale: 'en-US' }, d);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await handleTurn({ conversationId: 'c-spaces', kind: 'message', text: `1${' '.repeat(20_000)}x` }, d);
    expect((performance.now() - t0) / 5).toBeLessThan(50);
  });
});
