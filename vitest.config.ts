import { defineConfig } from 'vitest/config';

// Integration tests start real git, jest, vitest, flock and PostgreSQL processes:
// generous timeouts, and process forks so that signal handling stays per file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
