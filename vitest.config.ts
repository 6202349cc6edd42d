import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites start their own emulator on a free loopback port; forks keep them isolated.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
