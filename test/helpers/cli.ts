import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../engine/src/entrypoints/cli/main.js';
import { repoRoot, type Tree } from './tree.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a user would type `spa ...` in `cwd`. */
export async function spa(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    cwd: options.cwd ?? repoRoot,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** Runs the built binary in a child process: what `npx spa` runs. */
export function spaProcess(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'engine/bin/spa.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a tree into a fresh temporary directory; returns the directory and a cleanup. */
export function writeTree(tree: Tree): { dir: string; cleanup: () => void } {
  return writeTreeIn(tree);
}

/** Writes one file into a directory, creating folders. */
writeTree.into = (dir: string, path: string, text: string): void => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

function writeTreeIn(tree: Tree): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'spa-test-'));
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
