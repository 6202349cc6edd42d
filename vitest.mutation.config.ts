import { defineConfig } from 'vitest/config';
import { suite, unitTests } from './vitest.config.js';

/**
 * The tests Stryker runs against each mutant of the pure core (stryker.config.json): the fast unit tests of
 * lifecycle/, plan/, gitops/, desired/, changes/ and config/, and the in-process use cases and CLI commands that
 * drive them. No emulator, no loopback GitHub server, no workflow: a mutant is judged in milliseconds.
 */
export default defineConfig({
  test: {
    // The suite's settings (timeouts, environment); Stryker chooses the pool and runs one test file at a time.
    ...suite,
    // Instrumented code runs the property tests (fast-check) several times slower than the suite does.
    testTimeout: 180_000,
    // The suite's unit tests (vitest.config.ts), which share their modules there too.
    include: unitTests,
    // Stryker switches mutants at run time and leaves out the static ones (stryker.config.mjs): the modules need
    // not be loaded again for each mutant: 1.7 times as many mutants a minute on the 2-core machine.
    isolate: false,
    // The property tests that build a whole plan or validate a whole settings tree hundreds of times: each mutant
    // they reach would run them in full, and a mutant that slows them down waits for its timeout. The suite runs
    // them; the other tests of test/config are mutation-tested.
    exclude: ['test/plan/targeted-plan.test.ts', 'test/config/robustness.test.ts'],
  },
});
