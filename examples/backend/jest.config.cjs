// Plain CommonJS tests: no transform, so jest skips babel entirely (faster start-up per module).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {},
  roots: ['<rootDir>/testing/backend/integration'],
  testMatch: ['**/*.test.js'],
  // Suites share one database and clean up by id prefix: keep them from timing out on a slow CI host.
  testTimeout: 20000,
};
