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

/**
 * Phone and text take a phone number; email takes an address. Without a method (not expected in the
 * flow) either is accepted, and a failure says "email" when the text has an @.
 */
export function understandContactValue(text: string, answers: IntakeAnswers): Understanding {
  const cleaned = cleanFreeText(text);
  const method = answers.contact_method;
  if (method === 'email') {
    const email = asEmail(cleaned);
    return email === undefined ? notUnderstood('invalidEmail') : answer(email);
  }
  if (method === 'phone' || method === 'text') {
    const phone = asPhone(cleaned);
    return phone === undefined ? notUnderstood('invalidPhone') : answer(phone);
  }
  const either = asPhone(cleaned) ?? asEmail(cleaned);
  if (either !== undefined) return answer(either);
  return notUnderstood(cleaned.includes('@') ? 'invalidEmail' : 'invalidPhone');
}
