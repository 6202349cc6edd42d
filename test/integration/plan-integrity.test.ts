import { SPA_TEST_MARK } from '../helpers/observed.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../engine/src/plan/types.js';
import { planDigest } from '../../engine/src/plan/digest.js';
import { readBack } from '../support/seed.js';
import { minimalFor, startEmulator, workspace, type Emulator, type Workspace } from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

/** An organization as SPA left it (its OUs and accounts carry its mark), and an account outside it. */
const SEED = {
  ous: ['Sandbox', 'Workloads'],
  ouTags: { Sandbox: SPA_TEST_MARK, Workloads: SPA_TEST_MARK },
  accounts: [
    ...['a', 'b', 'c'].map((n) => ({
      name: n,
      email: `${n}@example.com`,
      ou: 'Sandbox',
      tags: {
        'account-state': 'released',
        'account-holder': `${n}@example.com`,
        'cost-center': 'OLD',
        ...SPA_TEST_MARK,
      },
    })),
    { name: 'outsider', email: 'outsider@example.com', ou: 'Workloads', tags: { 'cost-center': 'KEEP' } },
  ],
};
const SETTINGS: MinimalTree = {
  ous: { Sandbox: { managed: true }, Workloads: { managed: false } },
  accounts: {
    a: { organizationalUnit: 'Sandbox', costCenter: 'NEW' },
    b: { organizationalUnit: 'Sandbox', costCenter: 'OLD' },
    c: { organizationalUnit: 'Sandbox', costCenter: 'OLD' },
  },
};

/** Rewrites the saved plan, as a careless or hostile hand would; `redigest` recomputes its digest too. */
function edit(ws: Workspace, change: (plan: Plan) => void, redigest: boolean): void {
  const plan = JSON.parse(ws.read('plan.json')) as Plan;
  change(plan);
  if (redigest) plan.digest = planDigest(plan);
  writeFileSync(join(ws.dir, 'plan.json'), JSON.stringify(plan, null, 2));
}

async function tagsOf(ws: Workspace, email: string): Promise<Record<string, string>> {
  return (await readBack(ws.aws)).accounts.find((a) => a.email === email)!.tags;
}

describe('spa apply verifies the plan it is given', () => {
  it('refuses a plan file changed after it was made, a zeroed digest included (exit 1)', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      await ws.plan();
      edit(ws, (p) => (p.digest = `sha256:${'0'.repeat(64)}`), false);
      const zeroed = await ws.apply(['--allow-large']);
      expect(zeroed.result.code).toBe(1);
      expect(zeroed.outcome.refusal?.code).toBe('plan-modified');
      expect(zeroed.result.stderr).toContain('the plan file was changed after it was made');

      await ws.plan();
      edit(
        ws,
        (p) => ((p.changes[0]!.after as { tags: Record<string, string> }).tags['cost-center'] = 'X'),
        false,
      );
      expect((await ws.apply(['--allow-large'])).outcome.refusal?.code).toBe('plan-modified');
      expect((await tagsOf(ws, 'a@example.com'))['cost-center']).toBe('OLD');
    } finally {
      ws.cleanup();
    }
  });

  it('recomputes the large-plan guard: a large plan edited to say it is not large is still refused', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      const { plan } = await ws.plan();
      expect(plan.large.isLarge).toBe(true); // 1 of 3 managed accounts: more than 20%
      edit(ws, (p) => (p.large = { isLarge: false, reasons: [], sharePercent: 100 }), true);
      const { result, outcome } = await ws.apply();
      expect(result.code).toBe(1);
      expect(outcome.refusal).toMatchObject({ code: 'large-plan' });
      expect(outcome.refusal!.message).toContain('touches 1 of 3 managed accounts');
      expect((await tagsOf(ws, 'a@example.com'))['cost-center']).toBe('OLD');
    } finally {
      ws.cleanup();
    }
  });

  it('applies a small plan without --allow-large, and refuses one over the share', async () => {
    const settings: MinimalTree = { ...SETTINGS, settings: { tagPolicy: { largePlanShare: 50 } } };
    const ws = await workspace(emulator, SEED, minimalFor(settings));
    try {
      await ws.plan();
      const small = await ws.apply();
      expect(small.result.code).toBe(0);
      expect(small.outcome.summary.applied).toBe(1);
      ws.write('accounts/b.yaml', ws.read('accounts/b.yaml').replace('costCenter: OLD', 'costCenter: NEW'));
      ws.write('accounts/c.yaml', ws.read('accounts/c.yaml').replace('costCenter: OLD', 'costCenter: NEW'));
      const { plan } = await ws.plan();
      expect(plan.large.reasons).toEqual(['touches 2 of 3 managed accounts (67%, more than 50%)']);
      expect((await ws.apply()).outcome.refusal?.code).toBe('large-plan');
      expect((await ws.apply(['--allow-large'])).outcome.summary.applied).toBe(2);
    } finally {
      ws.cleanup();
    }
  });

  it('refuses a change pointed at an account that no settings file manages, digest recomputed or not', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      const outsider = ws.seeded.accountIds.get('outsider@example.com')!;
      await ws.plan();
      // The id alone: AWS has another email at that id.
      edit(ws, (p) => ((p.changes[0]!.target as { accountId: string }).accountId = outsider), true);
      const byId = await ws.apply(['--allow-large']);
      expect(byId.result.code).toBe(4);
      expect(byId.outcome.refusal!.stale![0]!.found).toContain('outsider@example.com');
      // The id and the email: the settings manage no such account.
      edit(ws, (p) => ((p.changes[0]!.target as { email: string }).email = 'outsider@example.com'), true);
      const both = await ws.apply(['--allow-large']);
      expect(both.result.code).toBe(1);
      expect(both.outcome.refusal?.code).toBe('not-in-settings');
      expect(both.outcome.refusal?.refused?.map((r) => r.change)).toEqual(['tag-account:account/a']);
      expect(both.outcome.refusal?.refused?.[0]?.reason).toContain('accounts/a.yaml');
      expect((await tagsOf(ws, 'outsider@example.com'))['cost-center']).toBe('KEEP');
    } finally {
      ws.cleanup();
    }
  });

  it('never closes an account that no file closes, even in a plan whose digest was recomputed', async () => {
    const ws = await workspace(
      emulator,
      SEED,
      minimalFor({
        ...SETTINGS,
        accounts: { ...SETTINGS.accounts, c: { organizationalUnit: 'Sandbox', closed: true } },
      }),
    );
    try {
      const outsider = ws.seeded.accountIds.get('outsider@example.com')!;
      const { plan } = await ws.plan();
      expect(plan.changes.map((c) => c.key)).toContain('close-account:account/c');
      edit(
        ws,
        (p) => {
          const close = p.changes.find((c) => c.action === 'close-account')!;
          Object.assign(close.target, { accountId: outsider, email: 'outsider@example.com' });
        },
        true,
      );
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(1);
      expect(outcome.refusal?.code).toBe('not-in-settings');
      const aws = await readBack(ws.aws);
      expect(aws.accounts.filter((a) => a.status !== 'ACTIVE')).toEqual([]);
    } finally {
      ws.cleanup();
    }
  });

  it('refuses a plan whose blocking findings were deleted', async () => {
    const csv = { 'a.csv': 'Account,Tag: owner\nb@example.com,alice\n' };
    const ws = await workspace(emulator, SEED, minimalFor({ ...SETTINGS, csv }));
    try {
      const bId = ws.seeded.accountIds.get('b@example.com')!;
      ws.write('tags-csv/b.csv', `Account,Tag: owner\n${bId},bob\n`);
      const { plan, result } = await ws.plan();
      expect(result.code).toBe(1);
      expect(plan.findings.map((f) => f.kind)).toContain('csv-conflict');
      edit(
        ws,
        (p) => {
          p.findings = p.findings.filter((f) => f.severity !== 'error');
          p.summary.errors = 0;
        },
        false,
      );
      expect((await ws.apply(['--allow-large'])).outcome.refusal?.code).toBe('plan-modified');
      edit(ws, () => undefined, true);
      const { outcome } = await ws.apply(['--allow-large']);
      expect(outcome.refusal?.code).toBe('not-in-settings');
      expect((await tagsOf(ws, 'b@example.com')).owner).toBeUndefined();
    } finally {
      ws.cleanup();
    }
  });

  it('refuses an old plan once newer settings are in --dir, naming the files that changed', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      await ws.plan();
      writeFileSync(join(ws.dir, 'old.json'), ws.read('plan.json'));
      ws.write('accounts/a.yaml', ws.read('accounts/a.yaml').replace('costCenter: NEW', 'costCenter: NEWER'));
      await ws.plan();
      expect((await ws.apply(['--allow-large'])).result.code).toBe(0);
      const old = await ws.spa(['apply', 'old.json', '--format', 'json', '--allow-large']);
      expect(old.code).toBe(1);
      const outcome = JSON.parse(old.stdout) as { refusal: { code: string; files: unknown[] } };
      expect(outcome.refusal.code).toBe('other-settings');
      expect(outcome.refusal.files).toEqual([{ path: 'accounts/a.yaml', change: 'changed' }]);
      expect(old.stderr).toContain('accounts/a.yaml changed');
      expect((await tagsOf(ws, 'a@example.com'))['cost-center']).toBe('NEWER');
    } finally {
      ws.cleanup();
    }
  });
});
