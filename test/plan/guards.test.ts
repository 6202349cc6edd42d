import { describe, expect, it } from 'vitest';
import type { PlanContext } from '../../engine/src/changes/context.js';
import {
  checkTagCounts,
  deferClosesBeyondQuota,
  largeOf,
  touchedAccounts,
} from '../../engine/src/plan/guards.js';
import type { Change } from '../../engine/src/plan/types.js';

// The guards read a change's action, target, address and tags only: the changes below carry just those.
function change(action: Change['action'], target: Record<string, string>, extra: object = {}): Change {
  return { action, address: `${action}:${JSON.stringify(target)}`, target, ...extra } as unknown as Change;
}
const close = (accountId: string, name = `n${accountId}`) =>
  change('close-account', { kind: 'account', name, email: `${name}@example.com`, accountId });
const tag = (accountId: string) =>
  change('tag-account', { kind: 'account', name: 'a', email: 'a@example.com', accountId });
const settings = (share: number) =>
  ({ tagPolicy: { largePlanShare: share } }) as Parameters<typeof largeOf>[2];

describe('the accounts a plan touches', () => {
  it('counts each account once, by id, else by email, else by address, and no OU or policy change', () => {
    const ou = change('create-ou', { kind: 'ou', path: 'Sandbox' });
    const newAccount = change('create-account', { kind: 'account', name: 'new', email: 'new@example.com' });
    const other = change('create-account', { kind: 'account', name: 'other', email: 'other@example.com' });
    expect(touchedAccounts([ou])).toBe(0);
    expect(touchedAccounts([tag('1'), tag('1'), close('1')])).toBe(1);
    expect(touchedAccounts([newAccount, other, newAccount])).toBe(2);
    expect(touchedAccounts([tag('1'), newAccount, ou])).toBe(2);
  });
});

describe('a large plan', () => {
  it('names each destructive kind with its count, in words for closed accounts', () => {
    const detach = (n: number) =>
      change('detach-policy', { kind: 'policy-attachment', policy: `p${n}`, ou: 'X' });
    expect(largeOf([close('1')], { managedAccounts: 0, activeMemberAccounts: 20 }, settings(20))).toEqual({
      isLarge: true,
      reasons: ['closes 1 account'],
      sharePercent: 20,
    });
    expect(
      largeOf(
        [close('1'), close('2'), detach(1), detach(2), detach(3)],
        { managedAccounts: 0, activeMemberAccounts: 20 },
        settings(20),
      ).reasons,
    ).toEqual(['closes 2 accounts', '3 detach-policy']);
  });

  it('touches more than the share of managed accounts: the share itself is not large', () => {
    const guards = { managedAccounts: 10, activeMemberAccounts: 12 };
    expect(largeOf([tag('1'), tag('2')], guards, settings(20))).toEqual({
      isLarge: false,
      reasons: [],
      sharePercent: 20,
    });
    expect(largeOf([tag('1'), tag('2'), tag('3')], guards, settings(20)).reasons).toEqual([
      'touches 3 of 10 managed accounts (30%, more than 20%)',
    ]);
  });

  it('is never large by share in an organization without managed accounts', () => {
    expect(largeOf([tag('1')], { managedAccounts: 0, activeMemberAccounts: 1 }, settings(0)).isLarge).toBe(
      false,
    );
  });
});

function context(changes: Change[], accounts: { id: string; tags: Record<string, string> }[]): PlanContext {
  return {
    observed: { accounts },
    settings: { reservedTags: { state: 'account-state', holder: 'account-holder' } },
    changes,
    findings: [],
  } as unknown as PlanContext;
}
const tagsOf = (n: number, prefix = 't') =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

describe('the 50 tags AWS allows on an account', () => {
  it('counts the state tag a new account receives: 49 declared tags pass, 50 do not', () => {
    const create = (n: number) =>
      change(
        'create-account',
        { kind: 'account', name: 'new', email: 'new@example.com', file: 'accounts/new.yaml' },
        { after: { tags: tagsOf(n) } },
      );
    const fits = context([create(49)], []);
    checkTagCounts(fits);
    expect(fits.findings).toEqual([]);
    const over = context([create(50)], []);
    checkTagCounts(over);
    expect(over.findings).toEqual([
      {
        kind: 'too-many-tags',
        severity: 'error',
        address: over.changes[0]!.address,
        file: 'accounts/new.yaml',
        message:
          'new would carry 51 tags, more than the 50 AWS allows; unset some (spa explain shows where each comes from)',
      },
    ]);
  });

  it('adds the tags of an existing account, and the state tag only when it has none', () => {
    const tagging = change(
      'tag-account',
      { kind: 'account', name: 'a', email: 'a@example.com', accountId: '111111111111' },
      { after: { tags: tagsOf(2, 'new') } },
    );
    const withState = context(
      [tagging],
      [{ id: '111111111111', tags: { ...tagsOf(47), 'account-state': 'released' } }],
    );
    checkTagCounts(withState);
    expect(withState.findings).toEqual([]);
    const withoutState = context([tagging], [{ id: '111111111111', tags: tagsOf(48) }]);
    checkTagCounts(withoutState);
    expect(withoutState.findings).toHaveLength(1);
    expect(withoutState.findings[0]).toMatchObject({ accountId: '111111111111' });
    expect(withoutState.findings[0]?.message).toMatch(/^a would carry 51 tags/);
    expect(withoutState.findings[0]).not.toHaveProperty('file');
  });
});

describe('closing beyond the quota of AWS', () => {
  it('defers the closes past the quota, by address, each with a warning', () => {
    const closes = Array.from({ length: 11 }, (_, i) => close(String(100 + i)));
    const ctx = context([tag('1'), ...closes.slice().reverse()], []);
    deferClosesBeyondQuota(ctx, 50);
    expect(ctx.changes.map((c) => c.address)).toEqual([
      tag('1').address,
      ...closes
        .slice(0, 10)
        .map((c) => c.address)
        .reverse(),
    ]);
    expect(ctx.findings).toEqual([
      {
        kind: 'close-deferred',
        severity: 'warning',
        address: closes[10]!.address,
        accountId: '110',
        message:
          'closing n110 waits for a later run: AWS closes at most 10 accounts of this organization per 30 days',
      },
    ]);
  });

  it('closes all of them within the quota', () => {
    const ctx = context(
      Array.from({ length: 10 }, (_, i) => close(String(100 + i))),
      [],
    );
    deferClosesBeyondQuota(ctx, 50);
    expect(ctx.changes).toHaveLength(10);
    expect(ctx.findings).toEqual([]);
  });
});
