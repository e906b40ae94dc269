/** @type {import('jest').Config} */

// ESM-only packages: the content gates' (test-only; see docs/decisions/007-content-quality-gates.md)
// and the staff sign-in's OpenID Connect client (openid-client and its two dependencies; Node loads
// them with require() in production). Jest runs CommonJS, so these (and only these) are transpiled.
const esmPackages = ['syllable', 'eld', 'openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: `npm test` type-checks the whole tree with tsc first, once.
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
    [`/node_modules/(${esmPackages.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { isolatedModules: true, diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // eld exports its bundled language models only under the "import" condition.
  moduleNameMapper: { '^eld/medium$': '<rootDir>/node_modules/eld/src/entries/static.medium.js' },
  testTimeout: 30000,
};
