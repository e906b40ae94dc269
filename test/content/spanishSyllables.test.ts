/**
 * The Spanish syllable counter against published syllabifications. Sources:
 * - RAE y ASALE, Ortografía de la lengua española (2010), on diphthongs, triphthongs and hiatuses:
 *   the examples of hiatus with a stressed closed vowel (país, baúl, reír, oído), of open vowels in
 *   hiatus (poeta, leer), of the silent h that does not break a diphthong (ahumar, prohibir,
 *   rehusar), and the list of words that are monosyllables for spelling purposes since 2010 (guion,
 *   truhan, fie, liais, Sion, hui, crie).
 * - RAE, Diccionario panhispánico de dudas (2005), entry "tilde": diphthongs such as
 *   "ciudad", "cuidar", triphthongs such as "buey", "Uruguay", "estudiáis", "averiguáis", "miau".
 * Each expectation is the number of syllables of the published division, written out beside it.
 */
import { spanishSyllables } from '../../src/content';

const cases: [string, string][] = [
  // open vowels in hiatus
  ['poeta', 'po-e-ta'], ['leer', 'le-er'], ['caer', 'ca-er'], ['aéreo', 'a-é-re-o'], ['tarea', 'ta-re-a'], ['alcohol', 'al-co-hol'],
  // a stressed closed vowel breaks the diphthong
  ['país', 'pa-ís'], ['día', 'dí-a'], ['baúl', 'ba-úl'], ['reír', 're-ír'], ['oído', 'o-í-do'], ['caída', 'ca-í-da'],
  ['policía', 'po-li-cí-a'], ['leía', 'le-í-a'], ['reúne', 're-ú-ne'], ['búho', 'bú-ho'], ['rehúso', 're-hú-so'], ['poesía', 'po-e-sí-a'],
  // diphthongs: an unstressed closed vowel with any vowel, or two different closed vowels
  ['ciudad', 'ciu-dad'], ['cuidado', 'cui-da-do'], ['bueno', 'bue-no'], ['aire', 'ai-re'], ['causa', 'cau-sa'], ['agua', 'a-gua'],
  ['construí', 'cons-truí'], ['inmigración', 'in-mi-gra-ción'], ['audiencia', 'au-dien-cia'], ['deportación', 'de-por-ta-ción'],
  // triphthongs
  ['buey', 'buey'], ['Uruguay', 'U-ru-guay'], ['Paraguay', 'Pa-ra-guay'], ['estudiáis', 'es-tu-diáis'], ['averiguáis', 'a-ve-ri-guáis'], ['miau', 'miau'],
  // a silent h between vowels does not break a diphthong
  ['ahumar', 'ahu-mar'], ['prohibir', 'prohi-bir'], ['rehusar', 'rehu-sar'], ['ahora', 'a-ho-ra'], ['cacahuete', 'ca-ca-hue-te'],
  // monosyllables for spelling purposes since 2010
  ['guion', 'guion'], ['truhan', 'truhan'], ['fie', 'fie'], ['liais', 'liais'], ['Sion', 'Sion'], ['hui', 'hui'], ['crie', 'crie'],
  // silent u in que/qui/gue/gui; pronounced ü
  ['que', 'que'], ['quien', 'quien'], ['guerra', 'gue-rra'], ['guitarra', 'gui-ta-rra'], ['pingüino', 'pin-güi-no'], ['vergüenza', 'ver-güen-za'],
  // y as a vowel at the end of a word or alone, a consonant before a vowel
  ['y', 'y'], ['hoy', 'hoy'], ['muy', 'muy'], ['ley', 'ley'], ['leyes', 'le-yes'], ['mayo', 'ma-yo'], ['ya', 'ya'], ['ayuda', 'a-yu-da'],
  // equal closed vowels are a hiatus
  ['chiita', 'chi-i-ta'], ['duunviro', 'du-un-vi-ro'],
  // capitals and words of the locales
  ['ESTADOS', 'es-ta-dos'], ['cónyuge', 'cón-yu-ge'], ['ciudadanía', 'ciu-da-da-ní-a'], ['comparecencia', 'com-pa-re-cen-cia'],
];

describe('Spanish syllables', () => {
  it.each(cases)('%s is %s', (word, division) => {
    expect(spanishSyllables(word)).toBe(division.split('-').length);
  });

  it('counts a word without letters as nothing and a word without vowels as one syllable', () => {
    expect(spanishSyllables('')).toBe(0);
    expect(spanishSyllables('—')).toBe(0);
    expect(spanishSyllables('psst')).toBe(1);
  });
});
