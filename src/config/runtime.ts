/**
 * How the Node process Puente runs in is started: `npm start` (scripts/start.sh) and the benchmark
 * read these; deployments that start `node dist/src/main.js` themselves should set them too (README,
 * Performance).
 */

/**
 * `--max-semi-space-size=2`: V8's young generation grows to 16 MB per semi-space under load by
 * default, and a process that has served a burst then keeps about 100 MB more resident for good;
 * with 2 MB semi-spaces the heap gives that memory back within about 20 seconds of quiet, at no
 * measurable cost in turns per second (docs/decisions/009-performance.md).
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/**
 * glibc malloc settings, in the environment of the process (they are read before any code runs).
 * Each thread that allocates gets an arena of its own, and glibc keeps what an arena frees: the
 * date-model thread (src/threads/recognizerThread.ts) that starts when someone is asked a date
 * question and stops when nobody is left a resident 14 MB behind it, for good. One arena, and
 * fixed mmap and trim thresholds at glibc's own starting value (which it otherwise raises after
 * the first large free), hand that memory back: idle RSS 105 → 92 MB, with no measurable change in
 * turns per second (decision 009). Other C libraries (musl) ignore them.
 */
export const RUNTIME_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '1',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};
