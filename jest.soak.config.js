/**
 * `npm run soak` (scripts/soak.sh): the long robustness runs of test/soak, one at a time. Not part
 * of `npm test`, whose jest config matches only *.test.ts.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/soak'],
  testMatch: ['**/*.soak.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 3_600_000,
};
