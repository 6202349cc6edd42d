#!/usr/bin/env node
// The last line of .ci/run: "N passed, N failed, N skipped". Skipped counts the tests vitest skipped or left as
// todo (in CI a test needing a missing system tool fails instead of skipping). Failed counts every failed step (lint, typecheck, the emulator,
// the workflow checks), every failed test, and every test file that failed without a failed test (it did not
// load, or a hook failed). When the test step failed and the report shows no failure (the build broke, or an
// error escaped the tests), the test step itself counts as one.
// Usage: summary.mjs REPORT FAILED_STEPS TEST_EXIT_CODE
import { readFileSync } from 'node:fs';

const [reportPath = '', failedStepsArg = '0', testExitArg = '0'] = process.argv.slice(2);
let passed = 0;
let skipped = 0;
let testFailures = 0;
try {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    testFailures += failedTests > 0 ? failedTests : file.status === 'failed' ? 1 : 0;
  }
} catch (error) {
  console.error(`no test report: ${error instanceof Error ? error.message : String(error)}`);
}
if (Number(testExitArg) !== 0 && testFailures === 0) testFailures = 1;
console.log(`${passed} passed, ${Number(failedStepsArg) + testFailures} failed, ${skipped} skipped`);
