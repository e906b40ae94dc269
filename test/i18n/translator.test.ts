/** The translator remembers texts without values; the answers must be exactly i18next's, every time. */
import i18next from 'i18next';
import { createTexts, MissingTextError, resources, type TextKey } from '../../src/i18n';

describe('translator', () => {
  const texts = createTexts();

  it('gives the same text on every call, with or without values', () => {
    for (const lang of ['en', 'es'] as const) {
      const t = texts.translator(lang);
      const question = t.t('questions:consent.text');
      expect(t.t('questions:consent.text')).toBe(question);
      expect(t.t('common:progress', { number: 2, total: 20 })).not.toBe(t.t('common:progress', { number: 3, total: 20 }));
      expect(t.t('common:progress', { number: 2, total: 20 })).toBe(t.t('common:progress', { number: 2, total: 20 }));
    }
  });

  it('answers exactly as i18next does', () => {
    const plain = i18next.createInstance();
    void plain.init({ resources, lng: 'es', fallbackLng: false, initAsync: false, interpolation: { escapeValue: false }, defaultNS: 'common' });
    const t = texts.translator('es');
    for (const key of ['questions:entry.text', 'common:review.intro', 'referral:firm'] as TextKey[]) {
      t.t(key);
      expect(t.t(key)).toBe(plain.t(key));
    }
    expect(t.t('common:result.reference', { reference: 'PU-22222-33333' })).toBe(plain.t('common:result.reference', { reference: 'PU-22222-33333' }));
  });

  it('fills every text with values exactly as i18next does, in both languages', () => {
    const keysOf = (o: unknown, prefix: string): string[] =>
      typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keysOf(v, prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`)) : [prefix];
    for (const lang of ['en', 'es'] as const) {
      const plain = i18next.createInstance();
      void plain.init({ resources, lng: lang, fallbackLng: false, initAsync: false, interpolation: { escapeValue: false }, defaultNS: 'common' });
      const t = texts.translator(lang);
      let withValues = 0;
      for (const [ns, tree] of Object.entries(resources[lang])) {
        for (const key of keysOf(tree, `${ns}:`) as TextKey[]) {
          const names = [...String(plain.t(key, { interpolation: { skipOnVariables: true } }) ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
          if (names.length === 0) continue;
          withValues++;
          const vars = Object.fromEntries(names.map((n, i) => [n, i % 2 ? 42 : `<${n} & $t(common:greeting) {{x}}>`]));
          expect({ key, text: t.t(key, vars) }).toEqual({ key, text: plain.t(key, vars) });
        }
      }
      expect(withValues).toBeGreaterThan(10);
    }
  });

  it('gives i18next\'s text when values carry i18next options such as count', () => {
    const plain = i18next.createInstance();
    void plain.init({ resources, lng: 'en', fallbackLng: false, initAsync: false, interpolation: { escapeValue: false }, defaultNS: 'common' });
    const vars = { number: 1, total: 2, count: 3 };
    expect(texts.translator('en').t('common:progress', vars)).toBe(plain.t('common:progress', vars));
  });

  it('throws for a missing key every time, and says so in has()', () => {
    const t = texts.translator('en');
    const missing = 'common:no.such.key' as TextKey;
    expect(t.has(missing)).toBe(false);
    expect(() => t.t(missing)).toThrow(MissingTextError);
    expect(() => t.t(missing)).toThrow(MissingTextError);
    expect(t.has('common:greeting')).toBe(true);
  });
});
