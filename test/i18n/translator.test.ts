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

  it('throws for a missing key every time, and says so in has()', () => {
    const t = texts.translator('en');
    const missing = 'common:no.such.key' as TextKey;
    expect(t.has(missing)).toBe(false);
    expect(() => t.t(missing)).toThrow(MissingTextError);
    expect(() => t.t(missing)).toThrow(MissingTextError);
    expect(t.has('common:greeting')).toBe(true);
  });
});
