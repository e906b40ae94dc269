/**
 * Turns a string as the person sees it into what readability formulas count: sentences, words and
 * syllables. The counting rules follow Flesch's published method (How to Write Plain English, 1979):
 * hyphenated words, abbreviations and figures are single words, and abbreviations, figures and
 * symbols count as one syllable each. Sentences end at ".", "!" or "?" and at line breaks (a list item
 * or a heading is a unit of its own); colons and semicolons do not end a sentence, which is the
 * stricter choice.
 */

/** Where a placeholder's value stood. Counted as one word of one syllable; left out of language identity. */
export const VALUE_MARK = '\u2983v\u2984';

/** Abbreviations whose periods do not end a sentence (both languages). */
const ABBREVIATIONS = [/\bU\.S\./g, /\bEE\. ?UU\./g, /\ba\. ?m\./g, /\bp\. ?m\./g, /\be\.g\./g, /\bi\.e\./g, /\betc\./g];
const ONE_DOT_LEADER = '\u2024';
/**
 * "U.S." followed by a capitalized word ends a sentence ("... inside the U.S. This can ..."), unless
 * the word continues a name ("the U.S. Justice Department").
 */
const US_AT_SENTENCE_END = /\bU\.S\.(?=\s+(?!(?:Justice|Department|Citizenship|Immigration|Customs|Government|Embassy|Consulate)\b)\p{Lu})/gu;

const URL = /\bhttps?:\/\/[^\s]+?(?=[.,;:!?)]?(\s|$))/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g;

export interface Counted {
  sentences: number;
  words: number;
  syllables: number;
}

/** Removes the light markdown the renderer adds or the locales use (bold, italics, list bullets). */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\*\*/g, '')
    .replace(/(^|\s)_(\S[^_]*\S|\S)_(?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/^[ \t]*[-*•][ \t]+/gm, '');
}

/** Marks URLs and e-mail addresses as values: they are read as one unit, never scored as prose. */
export function markAddresses(text: string): string {
  return text.replace(URL, VALUE_MARK).replace(EMAIL, VALUE_MARK);
}

function protectAbbreviations(text: string): string {
  let out = text.replace(US_AT_SENTENCE_END, `U${ONE_DOT_LEADER}S.`);
  for (const re of ABBREVIATIONS) out = out.replace(re, (m) => m.replace(/\./g, ONE_DOT_LEADER).replace(/ /g, ''));
  return out;
}

/** Sentences of a prepared text (markdown stripped, addresses marked), in order. */
export function sentencesOf(text: string): string[] {
  const protectedText = protectAbbreviations(markAddresses(stripMarkdown(text)));
  return protectedText
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?]["”’»)]?)\s+/))
    .map((s) => s.replace(new RegExp(ONE_DOT_LEADER, 'g'), '.').trim())
    .filter((s) => wordsOf(s).length > 0);
}

/** Words of a sentence: whitespace-separated tokens with a letter or a digit, outer punctuation removed. */
export function wordsOf(sentence: string): string[] {
  return sentence
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}\u2983]+|[^\p{L}\p{N}\u2984]+$/gu, ''))
    .filter((token) => /[\p{L}\p{N}]/u.test(token));
}

/** True for a token counted as one syllable whatever its letters: a value, a figure, an abbreviation. */
export function isSymbolWord(word: string): boolean {
  if (word.includes(VALUE_MARK)) return true;
  if (/\p{N}/u.test(word)) return true;
  const letters = word.replace(/[^\p{L}]/gu, '');
  // All capitals, two letters or more: ICE, USCIS, DOJ, U.S., EE.UU., LGBTQ, VIH.
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Counts sentences, words and syllables, with `syllablesOf` for ordinary words of the language. */
export function count(text: string, syllablesOf: (word: string) => number): Counted {
  const sentences = sentencesOf(text);
  let words = 0;
  let syllables = 0;
  for (const sentence of sentences) {
    for (const word of wordsOf(sentence)) {
      words += 1;
      if (isSymbolWord(word)) {
        syllables += 1;
        continue;
      }
      // A hyphenated word is one word; its syllables are those of its parts ("DOJ-accredited": 1 + 4).
      const parts = word.split(/[-‐–/]/).filter((p) => /\p{L}/u.test(p));
      syllables += Math.max(
        1,
        parts.reduce((sum, part) => sum + (isSymbolWord(part) ? 1 : syllablesOf(part.replace(/[^\p{L}'’]/gu, ''))), 0),
      );
    }
  }
  return { sentences: sentences.length, words, syllables };
}

/** The prose of a text for language identity: markdown, values and addresses removed. */
export function proseOf(text: string): string {
  return markAddresses(stripMarkdown(text)).split(VALUE_MARK).join(' ').replace(/[ \t]+/g, ' ').trim();
}
