/** Each soak part writes one JSON summary; scripts/soak-summary.cjs prints them all and sets the exit code. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SOAK_OUT = path.resolve(__dirname, '../../test-artifacts/soak');

export interface SoakPart {
  name: string;
  cases: number;
  failures: number;
  /** What failed (short lines, no personal data: these are generated inputs). */
  failureLines?: string[];
  memoryMB?: { before: { rss: number; heap: number; external?: number }; after: { rss: number; heap: number; external?: number } };
  seconds: number;
  details?: Record<string, unknown>;
}

export function writePart(part: SoakPart): void {
  mkdirSync(SOAK_OUT, { recursive: true });
  writeFileSync(path.join(SOAK_OUT, `${part.name}.json`), `${JSON.stringify(part, null, 2)}\n`);
}

const MB = 1024 * 1024;
export const mb = (m: { rss: number; heapUsed: number; external?: number }) => ({
  rss: Math.round(m.rss / MB),
  heap: Math.round(m.heapUsed / MB),
  ...(m.external === undefined ? {} : { external: Math.round(m.external / MB) }),
});

/** This process's memory after full garbage collections (the soak runs jest with --expose-gc). */
export function ownMemory(): { rss: number; heapUsed: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

/** A fixed seed unless SOAK_SEED says otherwise (printed in every summary). */
export const SOAK_SEED = Number(process.env.SOAK_SEED ?? 80_082_026);
