/**
 * The structured logger. Log lines carry codes, question ids and hashed conversation ids only:
 * never message text, answers, names or contact details. Known risky fields are redacted anyway.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'puente' },
    redact: {
      paths: ['text', 'answers', 'answer', 'contact', 'req.body', '*.text', '*.answers', '*.contact', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
