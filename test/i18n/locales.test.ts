/** Both languages have the same keys, every answer code has a label, every finding has its text. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { questions } from '../../dialogs/intake';
import { findingCodes } from '../../src/evaluator';
import { createTexts, type TextKey } from '../../src/i18n';

const LOCALES = path.resolve(__dirname, '../../locales');

function keysOf(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function localeKeys(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(path.join(LOCALES, lang)).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(readFileSync(path.join(LOCALES, lang, file), 'utf8')) as unknown;
    const ns = file.replace(/\.json$/, '');
    for (const k of keysOf(json)) {
      const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], json);
      out.set(`${ns}:${k}`, String(value));
    }
  }
  return out;
}

const en = localeKeys('en');
const es = localeKeys('es');
const texts = createTexts();

describe('locales', () => {
  it('have identical key sets in English and Spanish', () => {
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have no empty strings', () => {
    for (const [k, v] of [...en, ...es]) expect({ k, empty: v.trim() === '' }).toEqual({ k, empty: false });
  });

  it('use the same interpolation values in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of en) expect({ k, vars: vars(es.get(k) ?? '') }).toEqual({ k, vars: vars(v) });
  });

  it.each(['en', 'es'] as const)('label every answer code and text every question in %s', (lang) => {
    const t = texts.translator(lang);
    for (const q of questions) {
      expect(t.has(`questions:${q.id}.text` as TextKey) || q.id === 'contact_value').toBe(true);
      expect(t.has(`questions:${q.id}.help` as TextKey)).toBe(true);
      expect(t.has(`questions:${q.id}.review` as TextKey)).toBe(true);
      for (const v of q.values) expect({ key: `${q.id}.options.${v}`, ok: t.has(`questions:${q.id}.options.${v}` as TextKey) }).toEqual({ key: `${q.id}.options.${v}`, ok: true });
    }
  });

  it.each(['en', 'es'] as const)('give every finding a title and a body in %s', (lang) => {
    const t = texts.translator(lang);
    for (const code of findingCodes) {
      expect({ code, title: t.has(`findings:${code}.title` as TextKey), body: t.has(`findings:${code}.body` as TextKey) }).toEqual({ code, title: true, body: true });
    }
  });

  it('keep a content review date', () => {
    expect(texts.contentReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
