/**
 * The content gates over every string in locales/ (issue 7): readability per string and on average,
 * language identity, bilingual strings, the catalog's coverage of every namespace, and the report.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BILINGUAL,
  formatReport,
  GATES,
  LANGUAGE_EXCLUSIONS,
  MissingSampleError,
  readCatalog,
  runGates,
  sampleValues,
  wordingProblems,
  type LocaleString,
} from '../../src/content';
import { exampleProfile, LOCALES, realCatalog, tools } from '../support/contentTools';

const catalog = realCatalog();
const result = runGates(catalog, tools);

describe('the readability gates over locales/', () => {
  it('score every sentence-bearing string of both languages', () => {
    const texts = catalog.filter((s) => s.kind === 'text');
    expect(texts.length).toBeGreaterThan(150);
    const scoredIds = new Set(result.texts.map((t) => `${t.lang}:${t.id}`));
    for (const s of texts) {
      const ids = BILINGUAL[s.id] !== undefined ? [`en:${s.id}#en`, `es:${s.id}#es`] : [`${s.lang}:${s.id}`];
      for (const id of ids) expect({ id, scored: scoredIds.has(id) }).toEqual({ id, scored: true });
    }
  });

  it(`keep every English string of ${GATES.minWords} words or more at Flesch-Kincaid grade ${GATES.en.maxGrade} or below`, () => {
    const over = result.texts.filter((t) => t.lang === 'en' && t.gated && t.grade! > GATES.en.maxGrade).map((t) => `${t.id}: ${t.grade!.toFixed(2)}`);
    expect(over).toEqual([]);
  });

  it(`keep the English average at grade ${GATES.en.maxMeanGrade} or below`, () => {
    expect(result.summaries.en.gated).toBeGreaterThan(100);
    expect(result.summaries.en.mean!).toBeLessThanOrEqual(GATES.en.maxMeanGrade);
  });

  it(`keep every Spanish string of ${GATES.minWords} words or more at Fernández-Huerta ${GATES.es.minFernandezHuerta} or above`, () => {
    const under = result.texts
      .filter((t) => t.lang === 'es' && t.gated && t.fernandezHuerta! < GATES.es.minFernandezHuerta)
      .map((t) => `${t.id}: ${t.fernandezHuerta!.toFixed(2)}`);
    expect(under).toEqual([]);
  });

  it(`keep the Spanish averages at Fernández-Huerta ${GATES.es.minMeanFernandezHuerta} and INFLESZ ${GATES.es.minMeanInflesz} or above`, () => {
    expect(result.summaries.es.gated).toBeGreaterThan(100);
    expect(result.summaries.es.mean!).toBeGreaterThanOrEqual(GATES.es.minMeanFernandezHuerta);
    expect(result.summaries.es.meanInflesz!).toBeGreaterThanOrEqual(GATES.es.minMeanInflesz);
  });

  it('pass as a whole, with no failure of any kind', () => {
    expect(result.failures).toEqual([]);
    expect(result.pass).toBe(true);
  });
});

describe('language identity', () => {
  it(`identifies every string and sentence of ${GATES.languageMinWords} words or more as its locale's language`, () => {
    const wrong = result.failures.filter((f) => f.includes('identified as'));
    expect(wrong).toEqual([]);
    const asked = result.texts.filter((t) => t.detected !== undefined);
    expect(asked.filter((t) => t.lang === 'es').length).toBeGreaterThan(80);
    expect(asked.filter((t) => t.lang === 'en').length).toBeGreaterThan(80);
  });

  it('excludes no key from language identity', () => {
    expect(Object.keys(LANGUAGE_EXCLUSIONS)).toEqual([]);
  });

  it('catches an English sentence hidden in a long Spanish string, and a half-translated string', () => {
    const planted: LocaleString[] = [
      {
        lang: 'es',
        id: 'findings:PLANTED.body',
        kind: 'text',
        template: '',
        visible: '',
        scored:
          'Vaya a todas sus audiencias en la corte. Talk to an attorney before the hearing, and keep your address current. Guarde sus papeles en un lugar seguro.',
      },
      { lang: 'es', id: 'common:planted', kind: 'text', template: '', visible: '', scored: 'Please type a short name, up to eighty letters, so we can call you.' },
    ];
    const failures = runGates(planted, tools).failures.filter((f) => f.includes('identified as'));
    expect(failures).toEqual([
      "findings:PLANTED.body (es): identified as 'en', not 'es'",
      "findings:PLANTED.body (es): the sentence “Talk to an attorney before the hearing, and keep your address current.” is identified as 'en', not 'es'",
      "common:planted (es): identified as 'en', not 'es'",
      "common:planted (es): the sentence “Please type a short name, up to eighty letters, so we can call you.” is identified as 'en', not 'es'",
    ]);
  });

  it('never leaves a short Spanish string identical to its English one, except the names and codes listed', () => {
    const same = new Set(['questions:language.options.en', 'questions:language.options.es', 'common:review.item', 'questions:consent.options.no',
      'questions:detained.options.no', 'questions:ice_contact.options.no', 'questions:travel_plans.options.no', 'questions:uscis_interview.options.no',
      'questions:partner_abuse.options.no', 'questions:children.options.no', 'questions:prior_removal.options.no', 'questions:fear.options.no',
      'questions:arrests.options.no', 'questions:crime_victim.options.no', 'questions:contact_ok.options.no', 'questions:safe_message.options.no',
      ...Object.keys(BILINGUAL), 'meta:contentReviewed',
      // The product's name, the same in every language (the Teams app's short name).
      'channels:teams.nameShort']);
    const en = new Map(catalog.filter((s) => s.lang === 'en').map((s) => [s.id, s.template]));
    const identical = catalog.filter((s) => s.lang === 'es' && en.get(s.id) === s.template && !same.has(s.id)).map((s) => s.id);
    expect(identical).toEqual([]);
  });
});

describe('bilingual strings', () => {
  it.each(Object.entries(BILINGUAL))('%s is the same in both locales, English part first', (id, separator) => {
    const en = catalog.find((s) => s.lang === 'en' && s.id === id)!;
    const es = catalog.find((s) => s.lang === 'es' && s.id === id)!;
    expect(es.template).toBe(en.template);
    expect(en.template.split(separator)).toHaveLength(2);
    const [first, second] = en.template.split(separator) as [string, string];
    expect(tools.identify(first)).toBe('en');
    expect(tools.identify(second)).toBe('es');
  });
});

describe('the catalog', () => {
  it('reads every namespace file in the folder, including one added later', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-locales-'));
    cpSync(LOCALES, dir, { recursive: true });
    writeFileSync(path.join(dir, 'en', 'channels.json'), JSON.stringify({ teams: { welcome: 'This is a long sentence that a new namespace adds for Teams users today.' } }));
    writeFileSync(path.join(dir, 'es', 'channels.json'), JSON.stringify({ teams: { welcome: 'This is a long sentence that a new namespace adds for Teams users today.' } }));
    const extended = readCatalog(dir, sampleValues(exampleProfile));
    expect(extended.filter((s) => s.id === 'channels:teams.welcome').map((s) => s.lang)).toEqual(['en', 'es']);
    // The untranslated Spanish copy fails language identity at once.
    expect(runGates(extended, tools).failures).toContainEqual(expect.stringContaining("channels:teams.welcome (es): identified as 'en'"));
  });

  it('fills every placeholder with a sample value and refuses one without a sample', () => {
    for (const s of catalog) expect({ id: s.id, left: /\{\{/.test(s.visible) }).toEqual({ id: s.id, left: false });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'puente-locales-'));
    cpSync(LOCALES, dir, { recursive: true });
    writeFileSync(path.join(dir, 'en', 'extra.json'), JSON.stringify({ x: 'Hello {{nickname}}, welcome back to the chat.' }));
    expect(() => readCatalog(dir, sampleValues(exampleProfile))).toThrow(MissingSampleError);
  });

  it('shows the person the sample values and scores them as single words', () => {
    const urgent = catalog.find((s) => s.lang === 'en' && s.id === 'referral:urgentFirst')!;
    expect(urgent.visible).toContain(exampleProfile.urgentPhone);
    expect(urgent.visible).toContain(exampleProfile.name.en);
    expect(urgent.scored).not.toContain(exampleProfile.name.en);
  });

  it('does not score labels or meta', () => {
    const kinds = (id: string) => catalog.find((s) => s.lang === 'en' && s.id === id)?.kind;
    expect(kinds('questions:proceedings.options.pending')).toBe('label');
    expect(kinds('questions:proceedings.review')).toBe('label');
    expect(kinds('common:review.confirmLabel')).toBe('label');
    expect(kinds('meta:contentReviewed')).toBe('meta');
    expect(kinds('questions:proceedings.help')).toBe('text');
    expect(result.texts.some((t) => t.id.includes('.options.'))).toBe(false);
  });
});

describe('the report', () => {
  const header = { reviewed: '2026-11-23', reviewedBy: 'pending attorney review', strings: catalog.length, labels: 0 };

  it('is the same on every run, lists every scored string and says which strings are gated', () => {
    const report = formatReport(result, wordingProblems(catalog), header);
    expect(formatReport(runGates(realCatalog(), tools), wordingProblems(realCatalog()), header)).toBe(report);
    for (const t of result.texts) expect(report).toContain(` ${t.id} `);
    expect(report).toContain(`Per-string gates apply to strings of ${GATES.minWords} words or more`);
    expect(report).toContain('All readability and language gates pass.');
    expect(report).toContain('No glossary or wording problem.');
  });

  it('flags the worst strings and every failure', () => {
    const report = formatReport(result, [], header);
    expect(report.split('\n').filter((l) => / worst +[a-z]+:\S+ /.test(l))).toHaveLength(20);
    const failing = runGates([{ lang: 'en', id: 'common:planted', kind: 'text', template: '', visible: 'x', scored: 'Notwithstanding jurisdictional considerations, administrative adjudications necessitate comprehensive documentation.' }], tools);
    const bad = formatReport(failing, [{ lang: 'es', id: 'x:y', rule: 'spouse is "cónyuge"', found: 'esposa' }], header);
    expect(bad).toMatch(/FAIL +common:planted/);
    expect(bad).toContain('common:planted (en): Flesch-Kincaid grade');
    expect(bad).toContain('- x:y (es): "esposa": spouse is "cónyuge"');
  });
});
