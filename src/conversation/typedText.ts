/** Typed text as every reading sees it, bounded before anything reads it. */

/** The longest typed message read (after normalising); a longer one gets `common:errors.tooLong`. */
export const MAX_TYPED_CHARS = 1000;

/**
 * Typed text as every reading sees it: NFC, control characters as spaces, every run of whitespace
 * one space, trimmed. `tooLong` when that is still over MAX_TYPED_CHARS: it is then not read at all,
 * so no pattern ever runs over a long input (issue 19: a 20,000-space message stalled every turn).
 * Linear in the input's length.
 */
export function typedText(raw: string | undefined): { text: string | undefined; tooLong: boolean } {
  if (raw === undefined) return { text: undefined, tooLong: false };
  // Cheap bound first: no normalisation of a message that cannot shrink below the limit.
  if (raw.length > MAX_TYPED_CHARS * 64) return { text: undefined, tooLong: true };
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const text = raw.normalize('NFC').replace(/[\u0000-\u001f\u007f\s]+/gu, ' ').trim();
  return text.length > MAX_TYPED_CHARS ? { text: undefined, tooLong: true } : { text, tooLong: false };
}
