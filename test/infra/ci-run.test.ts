import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tree.js';

/**
 * `.ci/run` as CI runs it, in a copy of the repository where `npm` is a stand-in: lint fails, the other steps
 * pass, and `npm test` runs the real vitest over a few test files of known outcome.
 */
const FIXTURES: Record<string, string> = {
  'pass.test.ts': `import { expect, it } from 'vitest';\nit('a', () => expect(1).toBe(1));\nit('b', () => expect(2).toBe(2));\nit.skip('skipped', () => expect(1).toBe(2));\nit.todo('todo');\n`,
  'fail.test.ts': `import { expect, it } from 'vitest';\nit('passes', () => expect(1).toBe(1));\nit('fails', () => expect(1).toBe(2));\n`,
  'broken.test.ts': `import { it } from 'vitest';\nthrow new Error('this file does not load');\nit('never runs', () => undefined);\n`,
  'snapshot.test.ts': `import { expect, it } from 'vitest';\nit('matches its snapshot', () => expect({ a: 1 }).toMatchSnapshot());\n`,
};

const FAKE_NPM = `#!/usr/bin/env bash
# Stands in for npm: lint fails, the other steps pass; test runs vitest over the fixtures.
case "$1 \${2:-}" in
  "run lint") exit 1 ;;
  "test "*)
    shift; [ "\${1:-}" = "--" ] && shift
    echo "CI=\${CI:-}" > "$PWD/ci-env"
    exec node "$VITEST" run --root "$PWD/fixtures" "$@" ;;
  *) exit 0 ;;
esac
`;

let dir: string;
let result: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spa-ci-run-'));
  for (const file of ['.ci/run', '.ci/summary.mjs']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(dir, file));
  }
  chmodSync(join(dir, '.ci/run'), 0o755);
  mkdirSync(join(dir, 'engine/scripts'), { recursive: true });
  writeFileSync(join(dir, 'engine/scripts/setup-emulator.sh'), '#!/usr/bin/env bash\nexit 0\n', {
    mode: 0o755,
  });
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin/npm'), FAKE_NPM, { mode: 0o755 });
  // The tools .ci/run installs when they are missing are there already: only npm's steps are under test.
  for (const tool of ['soffice', 'shellcheck', 'cfn-lint'])
    writeFileSync(join(dir, 'bin', tool), '#!/usr/bin/env bash\nexit 0\n', { mode: 0o755 });
  mkdirSync(join(dir, 'fixtures'));
  for (const [name, text] of Object.entries(FIXTURES)) writeFileSync(join(dir, 'fixtures', name), text);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  const r = spawnSync(join(dir, '.ci/run'), {
    cwd: dir,
    encoding: 'utf8',
    timeout: 150_000,
    // A clean environment: no CI variable from outside, nothing of the vitest running this test.
    env: {
      PATH: [join(dir, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
      HOME: dir,
      VITEST: join(repoRoot, 'node_modules/vitest/vitest.mjs'),
    },
  });
  result = { status: r.status, stdout: r.stdout, stderr: r.stderr };
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('.ci/run', () => {
  it('counts a failed step, each failed test, a test file that did not load, and skipped tests, in its last line', () => {
    const lines = result.stdout.trim().split('\n');
    // 3 tests passed; failed: lint, the failing test, the file that does not load, the missing snapshot;
    // skipped: one skipped test and one todo.
    expect(lines.at(-1), result.stderr.slice(-2000)).toBe('3 passed, 4 failed, 2 skipped');
    expect(result.stderr).toContain('FAILED (1): npm run lint');
    expect(result.status).not.toBe(0);
  });

  it('runs the tests with CI set, so that a missing snapshot fails instead of being written', () => {
    expect(readFileSync(join(dir, 'ci-env'), 'utf8').trim()).toBe('CI=true');
    expect(existsSync(join(dir, 'fixtures/__snapshots__/snapshot.test.ts.snap'))).toBe(false);
  });
});
