import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPA_TEST_MARK } from '../helpers/observed.js';
import { readBack } from '../support/seed.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const OUS: MinimalTree['ous'] = { Sandbox: { managed: true }, Workloads: { managed: false } };

describe('safety', () => {
  it('never closes nor moves an account whose file is deleted', async () => {
    const seed = {
      ous: ['Sandbox', 'Workloads'],
      accounts: [
        { name: 'in-managed', email: 'in-managed@example.com', ou: 'Sandbox' },
        { name: 'in-unmanaged', email: 'in-unmanaged@example.com', ou: 'Workloads' },
      ],
    };
    const ws = await workspace(
      emulator,
      seed,
      minimalFor({
        ous: OUS,
        accounts: {
          'in-managed': { organizationalUnit: 'Workloads' },
          'in-unmanaged': { organizationalUnit: 'Sandbox' },
        },
      }),
    );
    try {
      await ws.plan();
      await ws.apply(['--allow-large']);
      rmSync(join(ws.dir, 'accounts/in-managed.yaml'));
      rmSync(join(ws.dir, 'accounts/in-unmanaged.yaml'));
      const { plan } = await ws.plan();
      expect(plan.changes.filter((c) => c.action === 'close-account' || c.action === 'move-account')).toEqual(
        [],
      );
      expect(plan.findings.map((f) => f.kind).sort()).toEqual(['managed-through-ou', 'no-longer-managed']);
      await ws.apply(['--allow-large']);
      const aws = await readBack(ws.aws);
      expect(
        aws.accounts.filter((a) => a.email.startsWith('in-')).map((a) => [a.email, a.status, a.parentPath]),
      ).toEqual(
        expect.arrayContaining([
          ['in-managed@example.com', 'ACTIVE', 'Workloads'],
          ['in-unmanaged@example.com', 'ACTIVE', 'Sandbox'],
        ]),
      );
    } finally {
      ws.cleanup();
    }
  });

  it('plans nothing for a closed (suspended) account, and says when git does not know it is closed', async () => {
    const seed = {
      ous: ['Sandbox', 'Workloads'],
      ouTags: { Sandbox: SPA_TEST_MARK, Workloads: SPA_TEST_MARK },
      accounts: [
        { name: 'old', email: 'old@example.com', ou: 'Sandbox', closed: true },
        { name: 'old2', email: 'old2@example.com', ou: 'Sandbox', closed: true },
      ],
    };
    const ws = await workspace(
      emulator,
      seed,
      minimalFor({
        ous: OUS,
        accounts: {
          old: { organizationalUnit: 'Workloads', closed: true, tags: { x: 'y' } },
          old2: { organizationalUnit: 'Workloads' },
        },
      }),
    );
    try {
      const { plan } = await ws.plan();
      expect(plan.changes).toEqual([]);
      expect(plan.findings).toEqual([
        expect.objectContaining({ kind: 'closed-in-aws', severity: 'warning', address: 'account/old2' }),
      ]);
    } finally {
      ws.cleanup();
    }
  });

  it('never closes more accounts in one run than the AWS quota allows', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `leaver-${String(i).padStart(2, '0')}`);
    // Accounts and OUs as SPA left them, with its mark: the apply role closes only those.
    const seed = {
      ous: ['Sandbox', 'Workloads'],
      ouTags: { Sandbox: SPA_TEST_MARK, Workloads: SPA_TEST_MARK },
      accounts: names.map((n) => ({
        name: n,
        email: `${n}@example.com`,
        ou: 'Sandbox',
        tags: SPA_TEST_MARK,
      })),
    };
    const ws = await workspace(
      emulator,
      seed,
      minimalFor({
        ous: OUS,
        accounts: Object.fromEntries(names.map((n) => [n, { organizationalUnit: 'Sandbox', closed: true }])),
      }),
    );
    try {
      const { plan } = await ws.plan();
      // 12 member accounts: 10% is 1, and AWS allows at least 10 per 30 days.
      expect(plan.changes.filter((c) => c.action === 'close-account')).toHaveLength(10);
      expect(plan.findings.filter((f) => f.kind === 'close-deferred').map((f) => f.address)).toEqual([
        'account/leaver-10',
        'account/leaver-11',
      ]);
      const { outcome } = await ws.apply(['--allow-large']);
      expect(outcome.summary.applied).toBe(10);
      const aws = await readBack(ws.aws);
      expect(aws.accounts.filter((a) => a.status === 'SUSPENDED')).toHaveLength(10);
    } finally {
      ws.cleanup();
    }
  });

  it("refuses the wrong organization's credentials before reading anything", async () => {
    const seed = { ous: ['Sandbox'], accounts: [{ name: 'a', email: 'a@example.com', ou: 'Sandbox' }] };
    const ws = await workspace(emulator, seed, (id) =>
      minimalFor({ ous: { Sandbox: { managed: true } } })(id),
    );
    try {
      const other = await workspace(emulator, { ous: ['Sandbox'] }, minimalFor({ ous: { Sandbox: {} } }));
      other.cleanup();
      // settings.yaml names this organization, the role reaches the other one.
      ws.write(
        'settings.yaml',
        ws
          .read('settings.yaml')
          .replace(
            `arn:aws:iam::${ws.managementAccountId}:role`,
            `arn:aws:iam::${other.managementAccountId}:role`,
          ),
      );
      emulator.gateway.resetCounts();
      const r = await ws.spa(['plan', '--out', 'plan.json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `whose management account is ${other.managementAccountId}, but settings.yaml says ${ws.managementAccountId}`,
      );
      expect([...emulator.gateway.calls.keys()].sort()).toEqual(['AssumeRole', 'DescribeOrganization']);
      expect(() => ws.read('plan.json')).toThrow();
    } finally {
      ws.cleanup();
    }
  });

  it('never creates an account twice when the answer to CreateAccount is lost', async () => {
    const ws = await workspace(
      emulator,
      { ous: ['Sandbox'] },
      minimalFor({
        ous: { Sandbox: { managed: true } },
        accounts: { fresh: { organizationalUnit: 'Sandbox' } },
      }),
    );
    try {
      await ws.plan();
      emulator.gateway.resetCounts();
      emulator.gateway.setFaults({ loseAnswerOnce: ['CreateAccount'], only: () => false });
      const { outcome } = await ws.apply(['--allow-large']);
      emulator.gateway.setFaults(undefined);
      expect(emulator.gateway.faultsInjected.get('drop-after')).toBe(1);
      expect(emulator.gateway.calls.get('CreateAccount')).toBe(1);
      expect(outcome.summary.failed).toBe(0);
      const aws = await readBack(ws.aws);
      expect(aws.accounts.filter((a) => a.email === 'fresh@example.com')).toHaveLength(1);
      expect(aws.accounts.find((a) => a.email === 'fresh@example.com')!.parentPath).toBe('Sandbox');
    } finally {
      emulator.gateway.setFaults(undefined);
      ws.cleanup();
    }
  });

  it('refuses a plan with errors and a plan file that is not a plan', async () => {
    const ws = await workspace(
      emulator,
      { ous: ['Sandbox'] },
      minimalFor({
        ous: { Sandbox: { managed: true } },
        csv: { 'a.csv': 'Account,Tag: x\nnobody@example.com,1\n' },
      }),
    );
    try {
      const { result, plan } = await ws.plan();
      expect(result.code).toBe(1);
      expect(plan.findings).toEqual([
        expect.objectContaining({
          kind: 'csv-unmatched',
          severity: 'error',
          file: 'tags-csv/a.csv',
          line: 2,
        }),
      ]);
      const refused = await ws.apply();
      expect(refused.result.code).toBe(1);
      expect(refused.outcome.refusal!.code).toBe('plan-has-errors');
      ws.write('plan.json', '{"version": 2}');
      const bad = await ws.spa(['apply', 'plan.json']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('is not a plan of this version of spa');
    } finally {
      ws.cleanup();
    }
  });
});
