/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '@swc/jest' },
  // A guard against hangs, not a measure of speed: generous, so a loaded machine (tests that
  // take 10 s idle can take several times that) does not fail what is only slow.
  testTimeout: 120000,
  // Builds src/generated/routes.ts (tsoa) when it is missing or stale.
  globalSetup: '<rootDir>/test/global-setup.ts',
};
