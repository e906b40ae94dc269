/**
 * Readability formulas and the counting rules under them.
 *
 * Published worked examples:
 * - Flesch-Kincaid grade (Kincaid, Fishburne, Rogers and Chissom, 1975, Navy report RBR 8-75): the
 *   Wikipedia article "Flesch–Kincaid readability tests" gives "The Australian platypus is seemingly
 *   a hybrid of a mammal and reptilian creature." as 13 words and 24 syllables, grade 11.3; and Dr.
 *   Seuss's Green Eggs and Ham, 5.7 words per sentence and 1.02 syllables per word, grade −1.3; the
 *   lowest possible grade, one one-syllable word per sentence, is −3.4.
 * - Fernández-Huerta (1959) with the correction of Gwillim Law ("Error in the Fernandez Huerta
 *   Readability Formula", LINGUIST List 22.2332, 2011): F is words per sentence, so shorter
 *   sentences must raise the score; the often-copied version (sentences per 100 words) lowers it.
 * - Szigriszt-Pazos perspicuity (1993) and the INFLESZ scale (Barrio-Cantalejo et al., An. Sist.
 *   Sanit. Navar. 2008; 31(2): 135-152): bands at 40, 55, 65 and 80.
 * The Spanish examples are worked by hand from those formulas, with syllables divided by the RAE's rules.
 */
import {
  count,
  fernandezHuerta,
  fleschKincaidGrade,
  infleszBand,
  scoreText,
  sentencesOf,
  spanishSyllables,
  stripMarkdown,
  szigrisztPazos,
  VALUE_MARK,
  wordsOf,
} from '../../src/content';
import { tools } from '../support/contentTools';

const close = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

describe('Flesch-Kincaid grade', () => {
  it('gives the published platypus example grade 11.3 from 13 words, 24 syllables, 1 sentence', () => {
    expect(close(fleschKincaidGrade({ words: 13, syllables: 24, sentences: 1 }), 1)).toBe(11.3);
  });

  it('gives Green Eggs and Ham (5.7 words a sentence, 1.02 syllables a word) grade -1.3', () => {
    expect(close(fleschKincaidGrade({ words: 570, syllables: 581.4, sentences: 100 }), 1)).toBe(-1.3);
  });

  it('has its published floor of -3.4', () => {
    expect(close(fleschKincaidGrade({ words: 1, syllables: 1, sentences: 1 }), 1)).toBe(-3.4);
  });

  it('counts the platypus sentence with the syllable package (a dictionary-like 26 syllables)', () => {
    const c = scoreText('en', 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.', tools);
    // The package divides Aus-tra-li-an and rep-til-i-an into four syllables each, as dictionaries do;
    // the published example counted three.
    expect(c).toEqual({ words: 13, sentences: 1, syllables: 26 });
    expect(close(fleschKincaidGrade(c), 2)).toBe(13.08);
  });

  it('refuses a text with no words', () => {
    expect(() => fleschKincaidGrade({ words: 0, syllables: 0, sentences: 0 })).toThrow(RangeError);
  });
});

describe('Fernández-Huerta and Szigriszt-Pazos (INFLESZ)', () => {
  // "El perro come carne. La casa es muy grande.": El(1) pe-rro(2) co-me(2) car-ne(2) | La(1) ca-sa(2)
  // es(1) muy(1) gran-de(2): 9 words, 14 syllables, 2 sentences.
  const text = 'El perro come carne. La casa es muy grande.';

  it('counts the worked example by the RAE division', () => {
    expect(count(text, spanishSyllables)).toEqual({ words: 9, syllables: 14, sentences: 2 });
  });

  it('computes 206.84 - 0.60 * (syllables per 100 words) - 1.02 * (words per sentence)', () => {
    // 206.84 - 0.60 * 155.556 - 1.02 * 4.5 = 108.917
    expect(close(fernandezHuerta({ words: 9, syllables: 14, sentences: 2 }), 3)).toBe(108.917);
  });

  it('computes 206.835 - 62.3 * (syllables / words) - words / sentences', () => {
    // 206.835 - 62.3 * 1.5556 - 4.5 = 105.424
    expect(close(szigrisztPazos({ words: 9, syllables: 14, sentences: 2 }), 3)).toBe(105.424);
  });

  it('scores shorter sentences higher (Law 2011: F is words per sentence)', () => {
    const long = fernandezHuerta({ words: 100, syllables: 200, sentences: 4 });
    const short = fernandezHuerta({ words: 100, syllables: 200, sentences: 10 });
    expect(short).toBeGreaterThan(long);
    expect(close(long, 2)).toBe(61.34); // 206.84 - 120 - 25.5
    expect(close(short, 2)).toBe(76.64); // 206.84 - 120 - 10.2
  });

  it('reads scores on the INFLESZ bands', () => {
    expect([39.9, 40, 54.9, 55, 64.9, 65, 79.9, 80].map(infleszBand)).toEqual([
      'muy difícil', 'algo difícil', 'algo difícil', 'normal', 'normal', 'bastante fácil', 'bastante fácil', 'muy fácil',
    ]);
  });
});

describe('counting text as a person reads it', () => {
  const one = () => 1;

  it('keeps abbreviations inside a sentence and ends one at "U.S." before a new sentence', () => {
    expect(sentencesOf('Leaving the U.S. can start a ban. Call 9 a.m. to 5 p.m. today.')).toEqual([
      'Leaving the U.S. can start a ban.',
      'Call 9 a.m. to 5 p.m. today.',
    ]);
    expect(sentencesOf('You can apply inside the U.S. This is general.')).toEqual(['You can apply inside the U.S.', 'This is general.']);
    expect(sentencesOf('But the U.S. Justice Department lets them help.')).toHaveLength(1);
    expect(sentencesOf('Salir de EE. UU. puede causar un castigo. Hable pronto.')).toHaveLength(2);
  });

  it('ends sentences at line breaks and list items, not at colons or semicolons', () => {
    expect(sentencesOf('You can type these words:\n- “help”: learn more\n- “back”: go back')).toEqual([
      'You can type these words:',
      '“help”: learn more',
      '“back”: go back',
    ]);
    expect(sentencesOf('Know your rights: you do not have to open the door; ask for the warrant.')).toHaveLength(1);
  });

  it('strips bold, italics and bullets', () => {
    expect(stripMarkdown('**Court hearing soon**\n\n_Because you said so._\n- one')).toBe('Court hearing soon\n\nBecause you said so.\none');
  });

  it('counts figures, abbreviations, addresses and values as one word of one syllable (Flesch)', () => {
    const syllables = (w: string) => (w.length > 3 ? 9 : 1);
    // "Call" (four letters) gets 9 from the stand-in counter; every other word counts as one.
    expect(count('Call 1-800-898-7180 or USCIS at https://example.org/help now.', syllables)).toEqual({ words: 7, syllables: 15, sentences: 1 });
    expect(count(`Go to name@example.com or ${VALUE_MARK}.`, syllables)).toEqual({ words: 5, syllables: 5, sentences: 1 });
  });

  it('counts a hyphenated word once, with the syllables of its parts', () => {
    expect(wordsOf('A DOJ-accredited representative.')).toEqual(['A', 'DOJ-accredited', 'representative']);
    expect(count('A DOJ-accredited representative.', (w) => (w === 'accredited' ? 4 : w.length > 10 ? 5 : 1))).toEqual({ words: 3, syllables: 11, sentences: 1 });
  });

  it('does not count punctuation, quotes or dashes as words', () => {
    expect(wordsOf('“Not sure” — ¿Sí? (yes)')).toEqual(['Not', 'sure', 'Sí', 'yes']);
    expect(count('—', one)).toEqual({ words: 0, syllables: 0, sentences: 0 });
  });
});
