// @ts-check
// Mutation testing of the pure core: `npm run mutate` (engine/scripts/mutate.mjs), never part of `npm test` or CI.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The engine's decisions without I/O (CONVENTIONS.md, habit 1): where a surviving mutant means a missing test.
  mutate: ['engine/src/{lifecycle,plan,gitops,desired,changes,config}/**/*.ts'],
  // The suite's runner, so that a mutant meets the same tests as the code does.
  testRunner: 'vitest',
  // Only the fast unit tests of those folders (no emulator, no GitHub server, no workflow): vitest.mutation.config.ts.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Each mutant runs only the tests that reach it, measured once in the first run: minutes instead of hours.
  coverageAnalysis: 'perTest',
  // Module-level constants (tables, word lists) would rerun every test per mutant, and hang them: 4% of the mutants
  // for three quarters of the time. They are left out of the score; the tests read those tables anyway.
  ignoreStatic: true,
  // Reuses the results of mutants whose code and tests did not change; `npm run mutate -- --force` runs all.
  incremental: true,
  // A local cache, rewritten by every run and different on every branch: gitignored, never committed.
  incrementalFile: '.stryker/incremental.json',
  // One test runner per core of the 2-core machine the figures in the README come from.
  concurrency: 2,
  // Stryker's sandboxes and reports stay in one gitignored folder, apart from the product's reports/.
  tempDirName: '.stryker/tmp',
  // Progress while it runs; the JSON report for the table per folder; the HTML report to read the survivors.
  reporters: ['progress', 'json', 'html'],
  // Read by engine/scripts/mutation-table.mjs (mutation-testing-report-schema).
  jsonReporter: { fileName: '.stryker/mutation.json' },
  // Open in a browser to see each survivor in its line.
  htmlReporter: { fileName: '.stryker/mutation.html' },
  // The run fails under 65%, under the score of each folder measured since its tests (engine/README.md); 85% is
  // the aim.
  thresholds: { high: 85, low: 65, break: 65 },
  // Nothing Stryker's sandbox needs: the emulator's virtualenv, build and synthesis output, the CI report.
  ignorePatterns: [
    '.venv',
    'engine/dist-lambda',
    'cdk.out',
    'infra/cdk.out',
    'coverage',
    '.ci/vitest-report.json',
  ],
};
