/** Soak: typed-text fuzzing of the understanding layer, every question, with the per-call bound (see test/fuzz). */
import fc from 'fast-check';
import { understandEverywhere, typedText, warmUp } from '../fuzz/understandFuzz';
import { mb, ownMemory, SOAK_SEED, writePart } from './summary';

const CASES = 5_000;

test(`typed text: ${CASES} messages at every question (seed ${SOAK_SEED})`, () => {
  const started = Date.now();
  warmUp();
  const before = ownMemory();
  let slowest = 0;
  const failureLines: string[] = [];
  try {
    fc.assert(
      fc.property(typedText, (text) => {
        slowest = Math.max(slowest, understandEverywhere(text));
      }),
      { seed: SOAK_SEED, numRuns: CASES, endOnFailure: true },
    );
  } catch (e) {
    failureLines.push((e as Error).message.slice(0, 600));
  }
  const after = ownMemory();
  writePart({
    name: 'understand',
    cases: CASES,
    failures: failureLines.length,
    failureLines,
    memoryMB: { before: mb(before), after: mb(after) },
    seconds: (Date.now() - started) / 1000,
    details: { seed: SOAK_SEED, slowestCallMs: Math.round(slowest) },
  });
  expect(failureLines).toEqual([]);
}, 3_600_000);
