import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites start their own emulator on a free loopback port; forks keep them isolated.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // engine/README.md plans the move to Node 22; the SDK's reminder would only clutter test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
