/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '@swc/jest' },
  testTimeout: 30000,
  // Builds src/generated/routes.ts (tsoa) when it is missing or stale.
  globalSetup: '<rootDir>/test/global-setup.ts',
};
