// `npm run mutate [-- stryker options]`: mutation testing of the pure core with StrykerJS (stryker.config.mjs),
// then the score per folder (mutation-table.ts). Fails when Stryker fails or the pure core's score is under the
// break threshold of stryker.config.mjs. Examples: `npm run mutate -- --mutate 'engine/src/plan/**/*.ts'`,
// `npm run mutate -- --force` (ignores the incremental results of earlier runs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatScores, readReport, scoresByFolder } from './mutation-table.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { default: config } = (await import(pathToFileURL(join(root, 'stryker.config.mjs')).href)) as {
  default: { jsonReporter: { fileName: string }; thresholds: { break: number | null } };
};
const reportPath = join(root, config.jsonReporter.fileName);
const started = Date.now();

const stryker = spawnSync(join(root, 'node_modules/.bin/stryker'), ['run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
const seconds = Math.round((Date.now() - started) / 1000);
let failed = stryker.status !== 0;

if (existsSync(reportPath) && statSync(reportPath).mtimeMs >= started) {
  const name = relative(root, reportPath);
  const report = readReport(JSON.parse(readFileSync(reportPath, 'utf8')), name);
  const { folders, total } = scoresByFolder(report);
  console.log(`\nMutation score per folder (killed / (killed + survived + no coverage)), ${name}:\n`);
  console.log(formatScores(folders, total));
  const threshold = config.thresholds.break;
  if (threshold !== null && total.score !== undefined && total.score < threshold) {
    console.log(`\nThe score ${total.score.toFixed(1)}% is under the break threshold ${threshold}%.`);
    failed = true;
  }
} else {
  console.log('\nStryker wrote no report: see its messages above.');
  failed = true;
}
console.log(`\nnpm run mutate took ${Math.floor(seconds / 60)} min ${seconds % 60} s.`);
process.exit(failed ? 1 : 0);
