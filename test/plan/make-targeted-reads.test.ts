import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../engine/src/domain/digest.js';
import type { Plan } from '../../engine/src/plan/types.js';
import {
  desired,
  plans,
  SEC,
  SPEC,
  summary,
  targetedWorld as world,
  withAccounts,
} from '../helpers/targeted-world.js';

describe('what the targeted plans read and keep', () => {
  it('read no creations when every file in scope names a known account, whatever the files out of scope', async () => {
    const w = world();
    const base = withAccounts({ carol: { organizationalUnit: 'Sandbox' } });
    const head = withAccounts({
      carol: { organizationalUnit: 'Sandbox' },
      alice: { organizationalUnit: 'Sandbox', holder: 'al@example.com' },
      bob: {
        id: '000000000002',
        email: 'robert@example.com',
        organizationalUnit: 'Sandbox',
        holder: 'bob@example.com',
      },
    });
    plans(await w.targeted(base, head, await w.reference(), false));
    expect(w.requests).toEqual([
      expect.objectContaining({ accountIds: ['000000000001', '000000000002'], creations: false }),
    ]);
  });

  it('create the account of a file whose email only a stale digest named', async () => {
    const w = world();
    const reference = await w.reference();
    const stale = {
      ...reference,
      index: { ...reference.index!, otherEmails: [sha256Hex('ghost@example.com')] },
    };
    const { head } = plans(
      await w.targeted(desired(), withAccounts({ ghost: { organizationalUnit: 'Sandbox' } }), stale),
    );
    expect(w.counts().scans).toBe(1);
    expect(w.requests[0]).toMatchObject({ accountIds: [], creations: true });
    expect(summary(head)[0]).toBe('create-account account/ghost');
  });

  it('keep only the findings of what they claim', async () => {
    const w = world();
    const csv = { 'owners.csv': 'Account,Tag: owner\nzed@example.com,z\n' };
    const base = desired({ csv });
    const head = desired({
      csv,
      accounts: { ...SPEC.accounts, alice: { organizationalUnit: 'Sandbox', holder: 'al@example.com' } },
    });
    expect((await w.full(head)).findings.map((f) => f.kind)).toContain('csv-unmatched');
    const { head: plan } = plans(await w.targeted(base, head, await w.reference()));
    expect(plan.findings).toEqual([]);
    expect(summary(plan)).toEqual(['tag-account account/alice']);
  });

  it('name an OU file in scope once, though its OU is also created', async () => {
    const w = world();
    const head = desired({ ous: { Sandbox: { managed: true }, Lab: { managed: true } } });
    const { head: plan } = plans(await w.targeted(desired(), head, await w.reference()));
    expect(summary(plan)).toEqual(['create-ou ou/Lab']);
    expect(plan.scope).toMatchObject({ subjects: [], ous: ['Lab'] });
  });
});

describe('a full plan instead of targeted plans', () => {
  const cases: [string, (reference: Plan) => Plan | undefined, string][] = [
    ['there is no reference', () => undefined, 'no full plan of the base branch to stand on'],
    [
      'the reference is targeted',
      (r) => ({ ...r, scope: { kind: 'targeted', accounts: 1 } }),
      'the reference plan is not a full plan with an account index',
    ],
    [
      'the reference has no scope',
      ({ scope: _, ...r }) => r,
      'the reference plan is not a full plan with an account index',
    ],
    [
      'the reference has no index',
      ({ index: _, ...r }) => r,
      'the reference plan is not a full plan with an account index',
    ],
    [
      'the reference is of another environment',
      (r) => ({ ...r, environment: 'SpaOther' }),
      'the reference plan is of another environment',
    ],
    [
      'the reference is of another management account',
      (r) => ({ ...r, managementAccountId: '999999999999' }),
      'the reference plan is of another organization',
    ],
    [
      'the reference is of another organization',
      (r) => ({ ...r, organizationId: 'o-other' }),
      'the reference plan is of another organization',
    ],
  ];
  for (const [when, reference, reason] of cases)
    it(`when ${when}`, async () => {
      const w = world();
      const head = withAccounts({ carol: { organizationalUnit: 'Sandbox' } });
      expect(await w.targeted(desired(), head, reference(await w.reference()))).toEqual({
        kind: 'full',
        reason,
      });
      expect(w.requests).toEqual([]);
    });

  it('when settings.yaml changes, without reading AWS', async () => {
    const w = world();
    const head = desired({ defaults: { alternateContacts: { security: SEC }, budget: { amount: 5 } } });
    expect(await w.targeted(desired(), head, await w.reference())).toEqual({
      kind: 'full',
      reason: 'settings.yaml changes, which reaches every account',
    });
    expect(w.requests).toEqual([]);
  });
});
