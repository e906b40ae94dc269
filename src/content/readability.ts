/**
 * Readability formulas over counts (text.ts counts; the caller supplies a syllable counter).
 *
 * - Flesch-Kincaid grade (Kincaid et al., 1975, Navy report RBR 8-75):
 *   0.39 · (words / sentences) + 11.8 · (syllables / words) − 15.59.
 * - Fernández-Huerta lecturabilidad (1959), as corrected by Gwillim Law (LINGUIST List 22.2332, 2011):
 *   206.84 − 0.60 · P − 1.02 · F, with P = syllables per 100 words and F = words per sentence.
 *   (The often-copied version with F = sentences per 100 words makes shorter sentences score worse.)
 * - Szigriszt-Pazos perspicuity (1993), read on the INFLESZ scale (Barrio-Cantalejo et al., An. Sist.
 *   Sanit. Navar. 2008; 31(2): 135-152): 206.835 − 62.3 · (syllables / words) − (words / sentences).
 */
import type { Counted } from './text';

function guard(c: Counted): void {
  if (c.words <= 0 || c.sentences <= 0) throw new RangeError('a readability score needs at least one word and one sentence');
}

export function fleschKincaidGrade(c: Counted): number {
  guard(c);
  return 0.39 * (c.words / c.sentences) + 11.8 * (c.syllables / c.words) - 15.59;
}

export function fernandezHuerta(c: Counted): number {
  guard(c);
  const syllablesPer100Words = (100 * c.syllables) / c.words;
  const wordsPerSentence = c.words / c.sentences;
  return 206.84 - 0.6 * syllablesPer100Words - 1.02 * wordsPerSentence;
}

export function szigrisztPazos(c: Counted): number {
  guard(c);
  return 206.835 - (62.3 * c.syllables) / c.words - c.words / c.sentences;
}

/** The INFLESZ band of a Szigriszt-Pazos score (Barrio-Cantalejo 2008). */
export function infleszBand(score: number): 'muy difícil' | 'algo difícil' | 'normal' | 'bastante fácil' | 'muy fácil' {
  if (score < 40) return 'muy difícil';
  if (score < 55) return 'algo difícil';
  if (score < 65) return 'normal';
  if (score < 80) return 'bastante fácil';
  return 'muy fácil';
}
