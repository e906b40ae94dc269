/**
 * The Node flags Puente runs with: `npm start` (scripts/start.sh) and the benchmark read them here;
 * deployments that start `node dist/src/main.js` themselves should pass them too (README,
 * Performance).
 *
 * `--max-semi-space-size=2`: V8's young generation grows to 16 MB per semi-space under load by
 * default, and a process that has served a burst then keeps about 100 MB more resident for good;
 * with 2 MB semi-spaces the heap gives that memory back within about 20 seconds of quiet, at no
 * measurable cost in turns per second (docs/decisions/009-performance.md).
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
