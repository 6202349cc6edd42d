import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tree.js';

/**
 * engine/scripts/setup-emulator.sh run in a scratch copy of the repository, with a stand-in for python3 whose
 * `-m venv` makes a virtual environment with a pip that talks as much as pip does when PyPI cannot be reached.
 */
const FAKE_PYTHON = `#!/usr/bin/env bash
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  dir="\${@: -1}"
  mkdir -p "$dir/bin"
  echo "creating $dir"
  printf '#!/usr/bin/env bash\\nfor i in $(seq 70); do echo "WARNING: Retrying (Retry(total=4)) after connection broken: /simple/moto/ ($i)" >&2; done\\nexit %s\\n' "$FAKE_PIP_STATUS" > "$dir/bin/pip"
  printf '#!/usr/bin/env bash\\ncase "$2" in *print*) echo 5.0.0 ;; esac\\nexit %s\\n' "$FAKE_MOTO_STATUS" > "$dir/bin/python"
  chmod +x "$dir/bin/pip" "$dir/bin/python"
  exit 0
fi
exit 1
`;

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runSetup(pipStatus: number, motoStatus: number) {
  const dir = mkdtempSync(join(tmpdir(), 'spa-setup-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'engine/scripts'), { recursive: true });
  copyFileSync(
    join(repoRoot, 'engine/scripts/setup-emulator.sh'),
    join(dir, 'engine/scripts/setup-emulator.sh'),
  );
  writeFileSync(join(dir, 'python3'), FAKE_PYTHON);
  chmodSync(join(dir, 'python3'), 0o755);
  const r = spawnSync('bash', [join(dir, 'engine/scripts/setup-emulator.sh')], {
    env: {
      PATH: process.env.PATH ?? '',
      PYTHON: join(dir, 'python3'),
      TMPDIR: dir,
      FAKE_PIP_STATUS: String(pipStatus),
      FAKE_MOTO_STATUS: String(motoStatus),
    },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the installation of the emulator', () => {
  it('says one line when pip succeeds, however much pip talks', () => {
    const r = runSetup(0, 0);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('emulator: installed moto 5.2.5 from PyPI into .venv\n');
  });

  it("falls back to the machine's moto in two lines, naming pip's log", () => {
    const r = runSetup(1, 0);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^emulator: PyPI cannot be reached \(pip's log: .*spa-emulator-setup\.\w+\); falling back/,
    );
    expect(lines[1]).toBe("emulator: using the machine's moto 5.0.0 through .venv");
  });

  it('shows what the installers said when nothing works', () => {
    const r = runSetup(1, 1);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "emulator: no moto on this machine either: install it with pip install 'moto[server]==5.2.5'; the installers said:",
    );
    expect(r.stderr).toContain(
      '  | WARNING: Retrying (Retry(total=4)) after connection broken: /simple/moto/ (70)',
    );
  });
});
