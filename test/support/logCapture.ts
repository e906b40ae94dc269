/**
 * A pino logger that writes into memory, for tests that assert what was logged (codes, audit lines)
 * and what never is (answers, addresses).
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export interface CapturedLog {
  log: Logger;
  /** Every line so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Every line so far, as written. */
  raw(): string;
}

export function captureLog(level: pino.LevelWithSilent = 'info'): CapturedLog {
  const written: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, cb) {
      written.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  return {
    log: pino({ level }, sink),
    lines: () => written.map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => written.join('\n'),
  };
}
