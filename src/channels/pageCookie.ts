/**
 * The chat page's conversation cookie (issue 20): the conversation id only, HttpOnly, SameSite=Strict,
 * Secure except when the page is opened on a loopback address, no expiry (it ends with the browser
 * session). Never in a URL.
 */
import { CONVERSATION_ID } from './webChatToken';

export const COOKIE_NAME = 'puente_conversation';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when the Host header names this machine (development, tests, the benchmark). */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = String(host ?? '')
    .toLowerCase()
    .replace(/:\d+$/, '');
  return LOOPBACK_HOSTS.has(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** The conversation id in a Cookie header, when it has the shape of one. */
export function conversationFromCookie(header: string | undefined): string | null {
  for (const part of String(header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== COOKIE_NAME) continue;
    const value = part.slice(eq + 1).trim();
    return CONVERSATION_ID.test(value) ? value : null;
  }
  return null;
}

function attributes(host: string | undefined): string {
  return `Path=/; HttpOnly; SameSite=Strict${isLoopbackHost(host) ? '' : '; Secure'}`;
}

/** Set-Cookie for the conversation: a session cookie. */
export function conversationCookie(conversationId: string, host: string | undefined): string {
  return `${COOKIE_NAME}=${conversationId}; ${attributes(host)}`;
}

/** Set-Cookie that removes it (the quick exit). */
export function clearedCookie(host: string | undefined): string {
  return `${COOKIE_NAME}=; Max-Age=0; ${attributes(host)}`;
}
