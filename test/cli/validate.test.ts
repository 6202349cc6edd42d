import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spa, spaProcess, writeTree } from '../helpers/cli.js';
import { edit, readRepoFile, sampleTree, type Tree } from '../helpers/tree.js';

let sample: Tree;
let broken: { dir: string; cleanup: () => void };
beforeAll(async () => {
  sample = await sampleTree();
  let tree = edit(
    sample,
    'accounts/alice-sandbox.yaml',
    'organizationalUnit: Sandbox/Personal',
    'organizationalUnit: Sandbox/Personel',
  );
  tree = edit(tree, 'tags-csv/finops.csv', 'Tag: cost-owner', 'Tags: cost-owner');
  broken = writeTree(tree);
});
afterAll(() => broken.cleanup());

describe('spa validate', () => {
  it('exits 0 on the sample and says the files are valid', async () => {
    const r = await spa(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 errors, 1 warning in 21 files (valid)');
  });

  it('reads a README.md in a settings folder as documentation, without a word, and still warns of other files', async () => {
    const tree = {
      ...sample,
      'accounts/README.md': '# Accounts\n\nOne file per account.\n',
      'accounts/team-a/Readme.md': '# Team A\n',
      'organizational-units/README.md': '# OUs\n',
      'organizational-units/Sandbox/readme.md': '# Sandbox\n',
      'tags-csv/README.md': '# Tags from CSV\n',
      'accounts/notes.txt': 'todo\n',
    };
    const dir = writeTree(tree);
    try {
      const r = await spa(['validate', '--dir', dir.dir, '--format', 'json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { diagnostics: { code: string; file: string }[] };
      expect(report.diagnostics.filter((d) => /readme/i.test(d.file))).toEqual([]);
      expect(report.diagnostics.filter((d) => d.code === 'unexpected-file').map((d) => d.file)).toEqual([
        'accounts/notes.txt',
      ]);
      // The guides are not counted among the settings files either: the sample's 21, and the unexpected file.
      expect((await spa(['validate', '--dir', dir.dir])).stdout).toContain('in 22 files (valid)');
    } finally {
      dir.cleanup();
    }
  });

  it('prints each problem with file:line:column, the offending line, what is allowed and the fix', async () => {
    const r = await spa(['validate', '--dir', broken.dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'accounts/alice-sandbox.yaml:9:21 error [unknown-ou] organizationalUnit "Sandbox/Personel" does not exist; did you mean "Sandbox/Personal"?',
    );
    expect(r.stdout).toContain('   9 | organizationalUnit: Sandbox/Personel\n     |                     ^');
    expect(r.stdout).toContain(
      'allowed: known: Sandbox, Sandbox/Personal, Sandbox/Teams, Sandbox/Teams/DataScience, Workloads',
    );
    expect(r.stdout).toContain('fix: write "Sandbox/Personal"');
    expect(r.stdout).toContain('tags-csv/finops.csv:1:31 error [csv-unknown-column]');
    expect(r.stdout).toMatch(/2 errors, \d+ warnings? in 21 files\n$/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('uses colour on a terminal, and not with NO_COLOR', async () => {
    expect((await spa(['validate', '--dir', broken.dir], { tty: true })).stdout).toContain('\u001b[31m');
    expect(
      (await spa(['validate', '--dir', broken.dir], { tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain('\u001b[');
  });

  it('prints a JSON list of diagnostics that follows schemas/diagnostics.schema.json', async () => {
    const r = await spa(['validate', '--dir', broken.dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      valid: boolean;
      diagnostics: { code: string; file: string; line: number }[];
    };
    const ajv = new Ajv2020({ strict: false });
    const valid = ajv.validate(JSON.parse(readRepoFile('schemas/diagnostics.schema.json')) as object, report);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(report.valid).toBe(false);
    expect(report.diagnostics.filter((d) => d.code === 'unknown-ou')).toEqual([
      expect.objectContaining({
        file: 'accounts/alice-sandbox.yaml',
        line: 9,
        column: 21,
        pointer: '/organizationalUnit',
        value: 'Sandbox/Personel',
      }),
    ]);
  });

  it('prints GitHub workflow commands that land on the line of the pull request', async () => {
    const r = await spa(['validate', '--dir', broken.dir, '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(
      '::error file=accounts/alice-sandbox.yaml,line=9,col=21,title=unknown-ou::organizationalUnit "Sandbox/Personel" does not exist; did you mean "Sandbox/Personal"?%0AAllowed: known: Sandbox, Sandbox/Personal, Sandbox/Teams, Sandbox/Teams/DataScience, Workloads%0AFix: write "Sandbox/Personal", or create organizational-units/Sandbox/Personel.yaml',
    );
    expect(lines.at(-1)).toMatch(/^2 errors/);
    const warnings = (await spa(['validate', '--format', 'github'])).stdout.split('\n');
    expect(
      warnings.filter((l) =>
        l.startsWith('::warning file=tags-csv/finops.csv,line=6,col=1,title=csv-unmatched-row::'),
      ),
    ).toHaveLength(1);
  });

  it('rejects an unknown format with exit 1 and the allowed choices', async () => {
    const r = await spa(['validate', '--format', 'xml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Allowed choices are text, json, github');
  });

  it('says clearly when the directory does not exist', async () => {
    const r = await spa(['validate', '--dir', '/nonexistent/settings']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('settings directory /nonexistent/settings does not exist');
    expect(r.stderr).toContain('fix: run the command at the root of the settings repository, or pass --dir');
  });
});

describe('the spa binary', () => {
  it('exits 0 when valid, 1 when invalid, 3 on a system error', () => {
    const valid = writeTree(sample);
    try {
      expect(spaProcess(['validate'], valid.dir).code).toBe(0);
      const invalid = spaProcess(['validate', '--format', 'json'], broken.dir);
      expect(invalid.code).toBe(1);
      expect((JSON.parse(invalid.stdout) as { valid: boolean }).valid).toBe(false);
      // A directory where settings.yaml should be is the user's input, reported like any other problem.
      const odd = writeTree({ 'accounts/a.yaml': '' });
      mkdirSync(join(odd.dir, 'settings.yaml'));
      const directory = spaProcess(['validate'], odd.dir);
      odd.cleanup();
      expect(directory.code).toBe(1);
      expect(directory.stdout).toContain('settings.yaml:1:1 error [not-a-regular-file] this is a directory');
      // AWS that cannot be reached is the machine's problem.
      const system = spaProcess(['plan'], valid.dir, {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        SPA_AWS_MAX_ATTEMPTS: '1',
      });
      expect(system.code).toBe(3);
      expect(system.stderr).toContain('spa: AWS DescribeOrganization failed');
    } finally {
      valid.cleanup();
    }
  });

  it('prints its version', () => {
    const r = spaProcess(['--version'], '.');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readRepoFile('package.json')) as { version: string }).version);
  });
});
