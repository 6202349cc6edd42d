import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSettingsTree } from '../../engine/src/adapters/fs/settings-reader.js';
import { validateSettings } from '../../engine/src/desired/validate.js';
import { spa, writeTree } from '../helpers/cli.js';
import { describeDiagnostics, sampleTree, type Tree } from '../helpers/tree.js';

let sample: Tree;
beforeAll(async () => {
  sample = await sampleTree();
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** The sample settings in a fresh directory, to be broken by the test. */
function sampleDir(): string {
  const { dir, cleanup } = writeTree(sample);
  cleanups.push(cleanup);
  return dir;
}

async function validateDir(dir: string) {
  return validateSettings(await readSettingsTree(dir));
}

const BOB = 'accounts/bob-sandbox.yaml';

describe('files that are not regular files', () => {
  it('reports a FIFO as settings.yaml without waiting for a writer', async () => {
    const dir = sampleDir();
    renameSync(join(dir, 'settings.yaml'), join(dir, 'settings.old'));
    execFileSync('mkfifo', [join(dir, 'settings.yaml')]);
    const r = await spa(['validate', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('settings.yaml:1:1 error [not-a-regular-file] this is a FIFO (named pipe)');
    expect(r.stdout).toContain('fix: replace it with a regular file');
    expect(r.stdout).not.toContain('[missing-settings]');
  });

  it('reports a FIFO and a socket where account files are expected', async () => {
    const dir = sampleDir();
    execFileSync('mkfifo', [join(dir, 'accounts/pipe.yaml')]);
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'accounts/socket.yaml'), resolve));
    cleanups.push(() => server.close());
    const result = await validateDir(dir);
    const found = result.diagnostics
      .filter((d) => d.code === 'not-a-regular-file')
      .map((d) => `${d.file} ${d.summary}`);
    expect(found).toEqual([
      'accounts/pipe.yaml this is a FIFO (named pipe), not a regular file; it was not read',
      'accounts/socket.yaml this is a socket, not a regular file; it was not read',
    ]);
    expect(result.valid).toBe(false);
  });

  it('refuses /dev/zero and a FIFO as the plan of spa apply, at once', async () => {
    const dir = sampleDir();
    const zero = await spa(['apply', '/dev/zero', '--dir', dir]);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain(
      'spa: cannot read the plan file: /dev/zero is a character device, not a regular file',
    );
    execFileSync('mkfifo', [join(dir, 'plan.json')]);
    const fifo = await spa(['apply', 'plan.json', '--dir', dir], { cwd: dir });
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toContain('is a FIFO (named pipe), not a regular file');
  });

  it('refuses a plan file larger than the cap without reading it', async () => {
    const dir = sampleDir();
    // A sparse file: its size is what a plan of 300 MiB would have, and it costs no disk.
    writeFileSync(join(dir, 'plan.json'), '');
    truncateSync(join(dir, 'plan.json'), 300 * 1024 * 1024);
    const r = await spa(['apply', 'plan.json', '--dir', dir], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `holds more than the ${256 * 1024 * 1024} bytes allowed (${300 * 1024 * 1024} bytes)`,
    );
  });

  it('refuses a CSV file larger than 16 MiB, and a settings file larger than 1 MiB', async () => {
    const dir = sampleDir();
    writeFileSync(join(dir, 'tags-csv/huge.csv'), '');
    truncateSync(join(dir, 'tags-csv/huge.csv'), 17 * 1024 * 1024);
    writeFileSync(join(dir, 'accounts/huge.yaml'), '');
    truncateSync(join(dir, 'accounts/huge.yaml'), 2 * 1024 * 1024);
    const result = await validateDir(dir);
    expect(result.diagnostics.filter((d) => d.code === 'file-too-large').map((d) => d.file)).toEqual([
      'accounts/huge.yaml',
      'tags-csv/huge.csv',
    ]);
  });
});

describe('symbolic links', () => {
  it('refuses a settings.yaml linked to /proc/self/environ and never prints the environment', async () => {
    const dir = sampleDir();
    renameSync(join(dir, 'settings.yaml'), join(dir, 'settings.old'));
    symlinkSync('/proc/self/environ', join(dir, 'settings.yaml'));
    const r = await spa(['validate', '--dir', dir, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '::error file=settings.yaml,line=1,col=1,title=link-outside-repository::this is a symbolic link to "/proc/self/environ", outside the settings directory',
    );
    expect(r.stdout).not.toContain(process.env.PATH!);
  });

  it('refuses a link into .git, whose config may hold a token', async () => {
    const dir = sampleDir();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git/config'), '[http]\n  extraheader = AUTHORIZATION: basic c2VjcmV0\n');
    symlinkSync('../.git/config', join(dir, 'accounts/config.yaml'));
    const r = await spa(['validate', '--dir', dir]);
    expect(r.stdout).toContain('accounts/config.yaml:1:1 error [link-outside-repository]');
    expect(r.stdout).not.toContain('c2VjcmV0');
  });

  it('follows an account file linked inside the repository: the account stays managed', async () => {
    const dir = sampleDir();
    mkdirSync(join(dir, 'shared'));
    renameSync(join(dir, BOB), join(dir, 'shared/bob-sandbox.yaml'));
    symlinkSync('../shared/bob-sandbox.yaml', join(dir, BOB));
    const result = await validateDir(dir);
    expect(result.valid, describeDiagnostics(result.diagnostics)).toBe(true);
    expect(result.accounts.map((a) => a.name)).toContain('bob-sandbox');
  });

  it('follows a folder linked inside the repository, and reports a folder that links to itself', async () => {
    const dir = sampleDir();
    mkdirSync(join(dir, 'team-b'));
    renameSync(join(dir, BOB), join(dir, 'team-b/bob-sandbox.yaml'));
    symlinkSync('../team-b', join(dir, 'accounts/team-b'));
    symlinkSync('.', join(dir, 'accounts/again'));
    symlinkSync('..', join(dir, 'accounts/team-b-up'));
    const result = await validateDir(dir);
    expect(result.accounts.find((a) => a.name === 'bob-sandbox')?.file).toBe(
      'accounts/team-b/bob-sandbox.yaml',
    );
    expect(
      result.diagnostics.filter((d) => d.code === 'link-loop').map((d) => d.file),
      describeDiagnostics(result.diagnostics),
    ).toEqual(['accounts/again', 'accounts/team-b-up']);
  });

  it('reports a link that loops on itself and a link to nothing', async () => {
    const dir = sampleDir();
    symlinkSync('self.yaml', join(dir, 'accounts/self.yaml'));
    symlinkSync('gone.yaml', join(dir, 'accounts/dangling.yaml'));
    const result = await validateDir(dir);
    const codes = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.file} ${d.code} ${d.summary}`);
    expect(codes).toEqual([
      'accounts/dangling.yaml broken-link this is a symbolic link to "gone.yaml", which does not exist',
      'accounts/self.yaml link-loop this is a symbolic link to "self.yaml" that loops back on itself or on a folder above it',
    ]);
  });
});
