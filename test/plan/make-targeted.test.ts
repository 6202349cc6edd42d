import { describe, expect, it } from 'vitest';
import {
  desired,
  plans,
  SEC,
  SPEC,
  summary,
  targetedWorld as world,
  withAccounts,
} from '../helpers/targeted-world.js';

describe('the targeted plans of a pull request', () => {
  it('plan one edited account from its account alone, standing on the reference full plan', async () => {
    const w = world();
    const reference = await w.reference();
    const { head, base } = plans(
      await w.targeted(
        desired(),
        withAccounts({ alice: { organizationalUnit: 'Sandbox', holder: 'al@example.com' } }),
        reference,
      ),
    );
    expect(summary(head)).toEqual(['tag-account account/alice']);
    expect(summary(base)).toEqual([]);
    expect(w.requests).toEqual([
      expect.objectContaining({
        accountIds: ['000000000001'],
        ouPaths: ['Sandbox'],
        subtrees: [],
        creations: false,
      }),
    ]);
    expect(w.requests[0]!.ouHints).toEqual(
      new Map((reference.index?.ous ?? []).map(([id, path]) => [id, path])),
    );
    expect(head.scope).toEqual({
      kind: 'targeted',
      accounts: 1,
      subjects: ['000000000001', 'alice'],
      ous: [],
      reference: { createdAt: reference.createdAt, commit: reference.git.commit, digest: reference.digest },
    });
    expect(head.guards).toEqual(reference.guards);
    expect(w.phases).toContain('reading 1 account(s) and 0 OU sub-tree(s)');
    // The contacts to read are the same on both sides: they are read once.
    expect(w.counts()).toEqual({ scans: 0, contactReads: 1 });
  });

  it('reads the contacts of each side when they differ', async () => {
    const w = world();
    const reference = await w.reference();
    const head = withAccounts({
      alice: {
        organizationalUnit: 'Sandbox',
        holder: 'alice@example.com',
        alternateContacts: { billing: SEC },
      },
    });
    const { head: plan } = plans(await w.targeted(desired(), head, reference));
    expect(summary(plan)).toEqual(['put-alternate-contact contact/alice/billing']);
    expect(w.counts().contactReads).toBe(2);
  });

  it('creates the account of a new file, reading the creations in progress', async () => {
    const w = world();
    const { head } = plans(
      await w.targeted(
        desired(),
        withAccounts({ carol: { organizationalUnit: 'Sandbox' } }),
        await w.reference(),
      ),
    );
    expect(summary(head)).toEqual([
      'create-account account/carol',
      'move-account account/carol',
      'put-alternate-contact contact/carol/security',
      'start-lifecycle account/carol',
    ]);
    expect(w.requests).toEqual([expect.objectContaining({ accountIds: [], creations: true })]);
    expect(head.scope).toMatchObject({ accounts: 1, subjects: ['carol'] });
  });

  it('finds with one scan an account a new file adopts that the reference names only by digest', async () => {
    const w = world();
    const bob = { id: '000000000002', organizationalUnit: 'Sandbox', holder: 'robert@example.com' };
    const head = withAccounts({ payments: { organizationalUnit: 'Sandbox' }, bob });
    const { head: plan } = plans(await w.targeted(desired(), head, await w.reference()));
    expect(w.counts().scans).toBe(1);
    // Its email is not in the index: the file may create an account, so the creations in progress are read.
    expect(w.requests[0]).toMatchObject({ accountIds: ['000000000000', '000000000002'], creations: true });
    expect(summary(plan)).toContain('move-account account/payments');
  });

  it('plans an OU file in scope with every account below it', async () => {
    const w = world();
    const head = desired({ ous: { Sandbox: { managed: true, tags: { team: 'sandbox' } } } });
    const { head: plan } = plans(await w.targeted(desired(), head, await w.reference()));
    // The OU's tags go to every account below it, the one without a file included.
    expect(summary(plan)).toEqual([
      'tag-account account/000000000003',
      'tag-account account/alice',
      'tag-account account/bob',
    ]);
    expect(plan.scope).toMatchObject({
      kind: 'targeted',
      accounts: 3,
      subjects: ['000000000001', '000000000002', '000000000003', 'alice', 'bob'],
      ous: ['Sandbox'],
    });
    expect(w.requests[0]).toMatchObject({ subtrees: ['Sandbox'], ouTagPaths: ['Sandbox'] });
    expect(w.phases).toContain('reading 2 account(s) and 1 OU sub-tree(s)');
  });

  it('holds the OU that the account of a new file waits for, though no file in scope is an OU file', async () => {
    const w = world();
    const ous = { Sandbox: { managed: true }, Lab: { managed: true } };
    const base = desired({ ous });
    const head = desired({ ous, accounts: { ...SPEC.accounts, carol: { organizationalUnit: 'Lab' } } });
    const { head: plan, base: before } = plans(await w.targeted(base, head, await w.reference()));
    expect(summary(plan)).toEqual([
      'create-ou ou/Lab',
      'create-account account/carol',
      'move-account account/carol',
      'put-alternate-contact contact/carol/security',
      'start-lifecycle account/carol',
    ]);
    expect(plan.scope).toMatchObject({ subjects: ['carol'], ous: ['Lab'] });
    expect(summary(before)).toEqual([]);
    expect(before.scope).toMatchObject({ subjects: ['carol'], ous: [] });
  });
});
