/**
 * Counts the syllables of a Spanish word by the spelling rules of the RAE's Ortografía (2010):
 * a syllable has one vowel nucleus, so the count is the number of nuclei in the word.
 *
 * - Adjacent vowels form one syllable (a diphthong or triphthong) when at least one is an unstressed
 *   closed vowel (i, u): "ciu-dad", "cui-da-do", "buey", "Pa-ra-guay".
 * - Two open vowels (a, e, o) are a hiatus: "le-er", "po-e-ta".
 * - A written accent on i or u breaks the diphthong: "pa-ís", "dí-a", "ba-úl", "re-ír".
 * - Two equal closed vowels are a hiatus: "chi-i-ta", "du-un-vi-ro".
 * - A silent h between vowels does not break a diphthong: "ahu-mar", "prohi-bir".
 * - The u of "que", "qui", "gue", "gui" is silent; "ü" is pronounced: "pin-güi-no".
 * - "y" is a vowel as the word "y" and at the end of a word after a vowel ("hoy", "muy"), or between
 *   consonants; elsewhere it is a consonant ("ma-yo", "ya").
 *
 * Numbers, abbreviations and symbols are not words of this counter; the caller counts them (text.ts).
 */

const OPEN = new Set(['a', 'e', 'o', 'á', 'é', 'ó', 'à', 'è', 'ò']);
/** Closed vowels with a written accent carry the stress, so they are a nucleus of their own. */
const STRESSED_CLOSED = new Set(['í', 'ú', 'ì', 'ù']);
const CLOSED = new Set(['i', 'u', 'ü', 'ï']);
const LETTER = /\p{L}/u;

type Kind = 'open' | 'closed' | 'consonant';

function baseOf(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '');
}

function kindOf(ch: string): Kind {
  if (OPEN.has(ch) || STRESSED_CLOSED.has(ch)) return 'open';
  if (CLOSED.has(ch)) return 'closed';
  return 'consonant';
}

/** Nuclei in one run of adjacent vowels (no consonant between them). */
function nucleiInRun(run: string[]): number {
  let total = 0;
  let segment: string[] = [];
  const flush = () => {
    if (segment.length === 0) return;
    const strong = segment.filter((v) => kindOf(v) === 'open').length;
    total += Math.max(strong, 1);
    segment = [];
  };
  for (const v of run) {
    const prev = segment[segment.length - 1];
    // Two equal closed vowels ("ii", "uu", "ií") never share a syllable.
    if (prev !== undefined && kindOf(prev) !== 'consonant' && CLOSED.has(baseOf(prev)) && baseOf(prev) === baseOf(v)) flush();
    segment.push(v);
  }
  flush();
  return total;
}

/** Letters of the word as pronounced for counting: lower case, silent letters removed. */
function soundingLetters(word: string): string[] {
  let w = word.normalize('NFC').toLowerCase();
  w = w.replace(/qu(?=[eiéí])/g, 'q').replace(/gu(?=[eiéí])/g, 'g');
  w = w.replace(/h/g, '');
  return [...w].filter((ch) => LETTER.test(ch));
}

export function spanishSyllables(word: string): number {
  const letters = soundingLetters(word);
  if (letters.length === 0) return 0;
  const isVowelAt = (i: number): boolean => {
    const ch = letters[i]!;
    if (ch !== 'y') return kindOf(ch) !== 'consonant';
    const next = letters[i + 1];
    const prev = letters[i - 1];
    if (next !== undefined && next !== 'y' && kindOf(next) !== 'consonant') return false; // "ya", "mayo": consonant
    if (next === undefined) return true; // "y", "hoy", "muy", "Uruguay"
    return prev === undefined || kindOf(prev) === 'consonant'; // between consonants: a vowel sound
  };
  let count = 0;
  let run: string[] = [];
  for (let i = 0; i < letters.length; i++) {
    if (isVowelAt(i)) {
      run.push(letters[i] === 'y' ? 'i' : letters[i]!);
      continue;
    }
    if (run.length) count += nucleiInRun(run);
    run = [];
  }
  if (run.length) count += nucleiInRun(run);
  // A word of letters with no vowel at all (an interjection such as "psst") is still one syllable.
  return Math.max(count, 1);
}
