import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Plan } from '../../engine/src/domain/generated/types.js';
import { writeTree } from '../helpers/cli.js';
import { sampleFor, startEmulator, workspace, type Emulator, type Workspace } from '../helpers/org.js';
import { expectValid } from '../helpers/schema.js';
import type { Tree } from '../helpers/tree.js';
import { REALISTIC_RATES } from '../support/aws-rates.js';
import { DEMO_ORGANIZATION } from '../support/demo-org.js';
import { readBack } from '../support/seed.js';

let emulator: Emulator;
let ws: Workspace;
let sample: Tree;
beforeAll(async () => {
  emulator = await startEmulator();
  ws = await workspace(emulator, DEMO_ORGANIZATION, async (id) => (sample = await sampleFor(id)));
  // The reference: the full plan of main, as the drift run leaves it.
  const r = await ws.spa(['plan', '--out', 'main.json']);
  expect(r.stderr).not.toMatch(/^spa: /m);
}, 120_000);
afterAll(async () => {
  ws?.cleanup();
  await emulator?.stop();
});

const read = (path: string) => JSON.parse(readFileSync(join(ws.dir, path), 'utf8')) as Plan;
const awsCalls = () =>
  [...emulator.gateway.calls].filter(([op]) => op !== 'AssumeRole').reduce((s, [, n]) => s + n, 0);

/** Whether a change is on an account or an OU file of `touched` (its address's subject); policies never are. */
function touches(touched: { accounts: Set<string>; ous: Set<string> }, change: Change): boolean {
  const [kind, ...path] = change.address.split('/');
  if (kind === 'ou') return touched.ous.has(path.join('/'));
  // contact/<account>/<type>
  return kind !== 'policy' && touched.accounts.has((kind === 'contact' ? path.slice(0, -1) : path).join('/'));
}

/** The changes, and those of the full plan they wait for (an OU above them to create first), in the plan's order. */
function withDependencies(changes: Change[], full: Plan): Change[] {
  const keys = new Set(changes.map((c) => c.key));
  const byKey = new Map(full.changes.map((c) => [c.key, c]));
  for (const key of keys) for (const dep of byKey.get(key)?.dependsOn ?? []) keys.add(dep);
  return full.changes.filter((c) => keys.has(c.key));
}

/** The edits of a pull request: an account file, a CSV row, an OU file's budget. */
function pullRequest(): Tree {
  return {
    ...sample,
    'accounts/alice-sandbox.yaml': sample['accounts/alice-sandbox.yaml']!.replace(
      'serverless-training',
      'data-training',
    ),
    'tags-csv/finops.csv': sample['tags-csv/finops.csv']!.replace(
      'bob.manager@example.com',
      'bob.lead@example.com',
    ),
    'organizational-units/Sandbox/Teams/DataScience.yaml': sample[
      'organizational-units/Sandbox/Teams/DataScience.yaml'
    ]!.replace('amount: 2000', 'amount: 2100'),
  };
}

describe('the targeted plan of a pull request, against the emulator', () => {
  it('holds the full plan’s changes of what the pull request touches, every change it makes among them, and reads a fraction of it, under realistic throttling', async () => {
    const head = writeTree(pullRequest());
    try {
      emulator.gateway.setRates(REALISTIC_RATES);
      emulator.gateway.resetCounts();
      const t = await ws.spa([
        'plan',
        '--dir',
        head.dir,
        '--base',
        '.',
        '--reference',
        'main.json',
        '--out',
        'head.json',
        '--base-out',
        'base.json',
      ]);
      expect(t.stderr).not.toMatch(/^spa: /m);
      const targetedCalls = awsCalls();
      // Every account file in scope names a known account: no creation to guard, no ListCreateAccountStatus.
      expect(emulator.gateway.calls.get('ListCreateAccountStatus') ?? 0).toBe(0);
      emulator.gateway.resetCounts();
      const f = await ws.spa(['plan', '--dir', head.dir, '--out', 'full.json']);
      expect(f.stderr).not.toMatch(/^spa: /m);
      const fullCalls = awsCalls();

      const targeted = read('head.json');
      const full = read('full.json');
      expectValid('plan.schema.json', targeted);
      expectValid('plan.schema.json', read('base.json'));
      expect(targeted.scope).toMatchObject({
        kind: 'targeted',
        ous: ['Sandbox/Teams', 'Sandbox/Teams/DataScience'],
      });
      expect(t.stderr).toMatch(/targeted plan: \d+ account\(s\) and 2 OU file\(s\) reached, \d+ AWS calls/);
      // The oracle: the full plans of both branches, made by the full path, which reads the whole organization.
      const base = read('main.json');
      const changedByPullRequest = full.changes.filter(
        (c) => !base.changes.some((b) => isDeepStrictEqual(b, c)),
      );
      expect(changedByPullRequest.map((c) => c.address).sort()).toEqual([
        'account/alice-sandbox',
        'account/bob-sandbox',
      ]);
      // What the pull request touches, from its edits and from the organization as AWS holds it: alice's file, the
      // account of bob's CSV row, the OU file and the accounts below that OU (none: AWS lacks the OU yet).
      const aws = await readBack(ws.aws);
      const bob = aws.accounts.find((a) => a.email === 'bob.sandbox@example.com')!;
      expect(bob.name).toBe('bob-sandbox');
      const below = aws.accounts.filter((a) => `${a.parentPath}/`.startsWith('Sandbox/Teams/DataScience/'));
      expect(below).toEqual([]);
      const touched = {
        accounts: new Set(['alice-sandbox', bob.name, ...below.flatMap((a) => [a.id, a.name])]),
        ous: new Set(['Sandbox/Teams/DataScience']),
      };
      expect(targeted.changes).toEqual(
        withDependencies(
          full.changes.filter((c) => touches(touched, c)),
          full,
        ),
      );
      expect(targeted.changes).toEqual(expect.arrayContaining(changedByPullRequest));
      // The calls the plan counted are those that crossed the wire (AssumeRole aside).
      expect(targeted.scope!.awsCalls).toBe(targetedCalls);
      expect(targetedCalls).toBeLessThan(fullCalls / 2);
      expect(base.scope?.kind).toBe('full');
      // The index names the accounts SPA may show; the others (prod-payments) only by a digest of their email.
      const indexed = base.index!.accounts.map(([, email]) => email);
      expect(indexed).toEqual(
        expect.arrayContaining(['alice.sandbox@example.com', 'george.sandbox@example.com']),
      );
      expect(indexed).not.toContain('prod-payments@example.com');
      expect(JSON.stringify(base)).not.toContain('prod-payments');
      expect(base.index!.otherEmails!.length).toBe(DEMO_ORGANIZATION.accounts!.length + 1 - indexed.length);
    } finally {
      emulator.gateway.setRates(undefined);
      head.cleanup();
    }
  }, 120_000);

  it('is applied like any plan, and the next targeted plan of the same pull request has no change', async () => {
    const head = writeTree(pullRequest());
    const targeted = ['plan', '--dir', head.dir, '--base', '.', '--reference', 'main.json'];
    try {
      const p = await ws.spa([...targeted, '--out', 'head.json']);
      expect(p.stderr).not.toMatch(/^spa: /m);
      expect(read('head.json').changes.length).toBeGreaterThan(0);
      emulator.gateway.resetCounts();
      const a = await ws.spa(['apply', 'head.json', '--dir', head.dir, '--allow-large', '--format', 'json']);
      expect(a.code, a.stderr).toBe(0);
      // A few accounts per OU are read alone: apply lists no OU's accounts.
      expect(emulator.gateway.calls.get('ListAccountsForParent') ?? 0).toBe(0);
      expect(emulator.gateway.calls.get('DescribeAccount')).toBeGreaterThan(0);
      const again = await ws.spa([...targeted, '--out', 'again.json']);
      expect(again.stderr).not.toMatch(/^spa: /m);
      expect(read('again.json').scope?.kind).toBe('targeted');
      expect(read('again.json').changes).toEqual([]);
    } finally {
      head.cleanup();
    }
  }, 120_000);

  it('is a full plan, saying why, when settings.yaml changes', async () => {
    const head = writeTree({
      ...sample,
      'settings.yaml': sample['settings.yaml']!.replace('amount: 100', 'amount: 120'),
    });
    try {
      const r = await ws.spa([
        'plan',
        '--dir',
        head.dir,
        '--base',
        '.',
        '--reference',
        'main.json',
        '--out',
        'head.json',
      ]);
      expect(r.stderr).toContain('full plan (settings.yaml changes, which reaches every account)');
      expect(read('head.json').scope).toMatchObject({
        kind: 'full',
        reason: 'settings.yaml changes, which reaches every account',
      });
    } finally {
      head.cleanup();
    }
  }, 120_000);

  it('is a full plan when there is no reference plan to stand on', async () => {
    const head = writeTree(pullRequest());
    try {
      const r = await ws.spa([
        'plan',
        '--dir',
        head.dir,
        '--base',
        '.',
        '--reference',
        'missing.json',
        '--out',
        'head.json',
      ]);
      expect(r.stderr).toContain('full plan (no full plan of the base branch to stand on)');
    } finally {
      head.cleanup();
    }
  }, 120_000);
});
