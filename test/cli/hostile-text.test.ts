import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spa, writeTree } from '../helpers/cli.js';
import { edit, sampleTree, type Tree } from '../helpers/tree.js';

let sample: Tree;
beforeAll(async () => {
  sample = await sampleTree();
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dirOf(tree: Tree): string {
  const { dir, cleanup } = writeTree(tree);
  cleanups.push(cleanup);
  return dir;
}

const FINOPS = 'tags-csv/finops.csv';
const RLO = '\u202E';
// Read right to left, "005 :tegduB" shows as "Budget: 500": a reviewer would see a line that is not there.
const forgedNote = `Training${RLO}005 :tegduB`;

describe('invisible and bidirectional characters', () => {
  it('stop spa explain from printing a forged line, and are named without being printed', async () => {
    const dir = dirOf(edit(sample, FINOPS, 'Training budget approved by FinOps', forgedNote));
    const r = await spa(['explain', 'alice-sandbox', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'tags-csv/finops.csv:2:35 error [invisible-character] U+202E RIGHT-TO-LEFT OVERRIDE in',
    );
    expect(r.stderr).toContain('Training\\u202E005 :tegduB');
    expect(r.stdout + r.stderr).not.toContain(RLO);
  });

  it('show the offending line escaped, with the caret under the character', async () => {
    const tree = edit(
      sample,
      'accounts/alice-sandbox.yaml',
      'project: serverless-training',
      'project: server\u200Bless-training',
    );
    const r = await spa(['validate', '--dir', dirOf(tree)]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('[invisible-character]'));
    expect(lines[at]).toContain(
      'accounts/alice-sandbox.yaml:11:18 error [invisible-character] U+200B ZERO WIDTH SPACE',
    );
    expect(lines[at + 1]).toBe('  11 |   project: server\\u200Bless-training');
    expect(lines[at + 2]).toBe('     |                  ^');
    expect(r.stdout).not.toContain('\u200B');
  });

  it('never reach a pull request annotation raw', async () => {
    const dir = dirOf(edit(sample, FINOPS, 'Training budget approved by FinOps', forgedNote));
    const r = await spa(['validate', '--dir', dir, '--format', 'github']);
    expect(r.stdout).toContain('::error file=tags-csv/finops.csv,line=2,col=35,title=invisible-character::');
    expect(r.stdout).not.toContain(RLO);
  });
});

describe('CSV cells', () => {
  it('refuse a line break in a Note, which would forge a line in the output', async () => {
    const tree = edit(
      sample,
      FINOPS,
      'Training budget approved by FinOps',
      '"Training\n  budget    9999 USD"',
    );
    const r = await spa(['explain', 'alice-sandbox', '--dir', dirOf(tree)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'tags-csv/finops.csv:2:27 error [csv-line-break] column "Note" of line 2 holds a line break',
    );
  });

  it('warn about a value that a spreadsheet would run as a formula, and still validate', async () => {
    const tree = edit(
      sample,
      FINOPS,
      'Training budget approved by FinOps',
      '"=HYPERLINK(""http://x.example"")"',
    );
    const r = await spa(['validate', '--dir', dirOf(tree)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'tags-csv/finops.csv:2:27 warning [csv-formula] column "Note" of line 2 starts with "=": a spreadsheet that opens this file would run',
    );
  });

  it('say nothing more about a Budget of -5 than that it is not an amount', async () => {
    const tree = edit(sample, FINOPS, 'data-lead@example.com,2500', 'data-lead@example.com,-5');
    const r = await spa(['validate', '--dir', dirOf(tree), '--format', 'json']);
    const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string; line: number }[] }).diagnostics
      .filter((d) => d.line === 4)
      .map((d) => d.code);
    expect(codes).toEqual(['invalid-budget']);
  });
});
