import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file runs in a fork of its own; on two cores, two at a time (vitest's default would be one).
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One emulator per worker, emptied for each test file that asks for one (test/helpers/org.ts).
    globalSetup: ['test/support/moto-pool.ts'],
    // Room for the end-to-end tests on a loaded machine (two workers, and other work beside them).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // engine/README.md plans the move to Node 22; the SDK's reminder would only clutter test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
