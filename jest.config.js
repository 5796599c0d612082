/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '@swc/jest', '^.+\\.js$': '@swc/jest' },
  // openid-client 6 and its dependencies ship ES modules only: compiled to CommonJS for jest
  // (Node itself loads them with require() since 20.19).
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  // A guard against hangs, not a measure of speed: generous, so a loaded machine (tests that
  // take 10 s idle can take several times that) does not fail what is only slow.
  testTimeout: 120000,
  // Builds src/generated/routes.ts (tsoa) when it is missing or stale.
  globalSetup: '<rootDir>/test/global-setup.ts',
};
