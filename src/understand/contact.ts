/**
 * The optional contact part, the only free text Puente takes: a name (1-80 characters) and a phone
 * number or email address validated against the chosen contact method (answers.ts schemas).
 */
import { contactName, emailAddress, phoneNumber, type IntakeAnswers } from '../../dialogs/intake/answers';
import { answer, notUnderstood, type Understanding } from './types';

/** Control characters become spaces; bidi overrides and isolates are dropped so a name cannot reorder staff screens. */
const CONTROL = /\p{Cc}/gu;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** Longer than any valid phone (20 digits plus separators) or email (254): rejected before the schema runs. */
const MAX_PHONE_CHARS = 60;
const MAX_EMAIL_CHARS = 254;

export function cleanFreeText(text: string): string {
  return text.replace(BIDI, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

export function understandContactName(text: string): Understanding {
  const parsed = contactName.safeParse(cleanFreeText(text));
  return parsed.success ? answer(parsed.data) : notUnderstood('invalidName');
}

function asPhone(text: string): string | undefined {
  if (text.length > MAX_PHONE_CHARS) return undefined;
  const parsed = phoneNumber.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}

function asEmail(text: string): string | undefined {
  if (text.length > MAX_EMAIL_CHARS) return undefined;
  const parsed = emailAddress.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}

/** Longest text searched for a number or address inside a sentence ("my email is ..."). */
const MAX_SEARCH_CHARS = 300;
/** A run of phone characters starting with + or a digit and ending with a digit (no nested repetition). */
const PHONE_RUN = /\+?\(?\d[\d ()\-.]*\d/g;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A word without the punctuation around it. A loop, not `[^\p{L}\p{N}]+$`: that pattern backtracks
 * quadratically over a long run of punctuation (issue 19).
 */
function trimPunctuation(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && !LETTER_OR_DIGIT.test(word[start]!)) start++;
  while (end > start && !LETTER_OR_DIGIT.test(word[end - 1]!)) end--;
  return word.slice(start, end);
}

/** The one phone number or address inside a longer sentence; none, or more than one, is no answer. */
function findInside(text: string, kind: 'phone' | 'email'): string | undefined {
  if (text.length > MAX_SEARCH_CHARS) return undefined;
  const candidates =
    kind === 'email'
      ? text.split(' ').map(trimPunctuation).filter((w) => w.includes('@'))
      : [...text.matchAll(PHONE_RUN)].map((m) => m[0].trim());
  const valid = [...new Set(candidates.map((c) => (kind === 'email' ? asEmail(c) : asPhone(c))).filter((c): c is string => c !== undefined))];
  return valid.length === 1 ? valid[0] : undefined;
}

/**
 * Phone and text take a phone number; email takes an address. Without a method (not expected in the
 * flow) either is accepted, and a failure says "email" when the text has an @.
 */
export function understandContactValue(text: string, answers: IntakeAnswers): Understanding {
  const cleaned = cleanFreeText(text);
  const method = answers.contact_method;
  if (method === 'email') {
    const email = asEmail(cleaned) ?? findInside(cleaned, 'email');
    return email === undefined ? notUnderstood('invalidEmail') : answer(email);
  }
  if (method === 'phone' || method === 'text') {
    const phone = asPhone(cleaned) ?? findInside(cleaned, 'phone');
    return phone === undefined ? notUnderstood('invalidPhone') : answer(phone);
  }
  const either = asPhone(cleaned) ?? asEmail(cleaned);
  if (either !== undefined) return answer(either);
  return notUnderstood(cleaned.includes('@') ? 'invalidEmail' : 'invalidPhone');
}
