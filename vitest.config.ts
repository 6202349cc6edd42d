import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The unit tests of the pure core and of the use cases and in-process CLI commands that drive it: no emulator, no
 * GitHub server, no child process, no state left behind in a module. They share their workers' modules (`isolate:
 * false`): a file then costs its tests, not a fresh fork that loads the engine again (about a second each, for
 * over a hundred files). Stryker runs exactly these files the same way (vitest.mutation.config.ts).
 */
export const unitTests = [
  'test/lifecycle/**/*.test.ts',
  'test/plan/**/*.test.ts',
  'test/gitops/**/*.test.ts',
  'test/desired/**/*.test.ts',
  'test/changes/**/*.test.ts',
  'test/config/**/*.test.ts',
  'test/github/gate-decision.test.ts',
  'test/app/**/*.test.ts',
  'test/cli/compile.test.ts',
  'test/cli/explain.test.ts',
  'test/cli/validate.test.ts',
];

/** What every test file shares, unit or end to end. */
export const suite = {
  // Each end-to-end test file runs in a fork of its own; on two cores, three at a time: the end-to-end files spend
  // much of their time waiting on the emulator and the CLI processes they start (two workers kept 1.7 of the two
  // cores busy: 335 s; three, 288 s).
  pool: 'forks' as const,
  maxWorkers: Math.max(3, availableParallelism() + 1),
  // One emulator per worker, emptied for each test file that asks for one (test/helpers/org.ts).
  globalSetup: ['test/support/moto-pool.ts'],
  // Room for the end-to-end tests on a loaded machine (two workers, and other work beside them).
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // engine/README.md plans the move to Node 22; the SDK's reminder would only clutter test output.
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
};

export default defineConfig({
  test: {
    ...suite,
    projects: [
      { extends: true, test: { name: 'unit', include: unitTests, isolate: false } },
      { extends: true, test: { name: 'end-to-end', include: ['test/**/*.test.ts'], exclude: unitTests } },
    ],
  },
});
