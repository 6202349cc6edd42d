import { describe, expect, it } from 'vitest';
import { budgetState, sameBudget, sameBudgetState } from '../../engine/src/changes/budget-state.js';
import { diffTags, sortKeys, tagsAfter, type TagPolicyView } from '../../engine/src/changes/tags-diff.js';
import type { ObservedBudget } from '../../engine/src/observed/types.js';

const at = (line: number) => ({ file: 'accounts/a.yaml', line });
const sourced = (value: string, line: number) => ({ value, source: at(line) });
const ADDITIVE: TagPolicyView = { mode: 'additive', ignore: [], reserved: [], modeSource: 'settings.yaml' };
const AUTHORITATIVE: TagPolicyView = {
  mode: 'authoritative',
  ignore: ['aws:cloudformation'],
  reserved: ['account-state'],
  modeSource: 'settings.yaml',
};

describe('the tag diff of an account or OU', () => {
  it('sets what differs and removes the present keys of unsetTags, each with where it comes from', () => {
    const diff = diffTags(
      { team: 'a', same: 's', old: 'x', stray: 'y' },
      { team: sourced('b', 3), same: sourced('s', 4), added: sourced('n', 5) },
      { old: at(6), absent: at(7), team: at(8) },
      ADDITIVE,
    );
    expect(diff).toEqual({
      before: { added: null, old: 'x', team: 'a' },
      after: { added: 'n', old: null, team: 'b' },
      provenance: {
        'tags.team': 'accounts/a.yaml:3',
        'tags.added': 'accounts/a.yaml:5',
        'tags.old': 'unsetTags (accounts/a.yaml:6)',
      },
    });
    expect(Object.keys(diff!.after)).toEqual(['added', 'old', 'team']);
    expect(diffTags({ team: 'b' }, { team: sourced('b', 3) }, {}, ADDITIVE)).toBeUndefined();
  });

  it('in the authoritative mode, removes the undeclared keys but the reserved and ignored ones', () => {
    const diff = diffTags(
      { team: 'b', stray: 'y', 'account-state': 'vanilla', 'aws:cloudformation': 'z', old: 'x' },
      { team: sourced('b', 3) },
      { old: at(6) },
      AUTHORITATIVE,
    );
    expect(diff).toEqual({
      before: { old: 'x', stray: 'y' },
      after: { old: null, stray: null },
      provenance: {
        'tags.old': 'unsetTags (accounts/a.yaml:6)',
        'tags.stray': 'not declared; tagPolicy.mode authoritative (settings.yaml)',
      },
    });
  });

  it('sorts keys and gives the tags once the diff is applied', () => {
    expect(Object.keys(sortKeys({ b: 1, c: 2, a: 3, B: 4 }))).toEqual(['B', 'a', 'b', 'c']);
    expect(Object.keys(sortKeys({ a: 1, b: 2 }))).toEqual(['a', 'b']);
    const observed = { team: 'a', old: 'x', kept: 'k' };
    expect(
      tagsAfter(observed, { before: {}, after: { team: 'b', old: null, added: 'n' }, provenance: {} }),
    ).toEqual({
      team: 'b',
      kept: 'k',
      added: 'n',
    });
    expect(observed).toEqual({ team: 'a', old: 'x', kept: 'k' });
    expect(tagsAfter(observed, undefined)).toEqual(observed);
  });
});

const budget = (notifications: [number, string[]][], amount = 100): ObservedBudget => ({
  name: 'SpaTest-1',
  amount,
  currency: 'USD',
  notifications: notifications.map(([threshold, subscribers]) => ({ threshold, subscribers })),
});

describe('the state of a budget', () => {
  it('shows the amount, the thresholds in numeric order and every subscriber once, sorted', () => {
    expect(
      budgetState(
        budget([
          [100, ['b@e.com', 'a@e.com']],
          [80, ['a@e.com']],
          [9, ['b@e.com']],
        ]),
      ),
    ).toEqual({
      name: 'SpaTest-1',
      amount: 100,
      currency: 'USD',
      thresholds: [9, 80, 100],
      subscribers: ['a@e.com', 'b@e.com'],
    });
  });

  it('is as wanted only when every notification goes to the same subscribers, in any order', () => {
    const want = {
      name: 'x',
      amount: 100,
      currency: 'USD',
      thresholds: [100, 9],
      subscribers: ['b@e.com', 'a@e.com'],
    };
    const even = budget([
      [9, ['b@e.com', 'a@e.com']],
      [100, ['a@e.com', 'b@e.com']],
    ]);
    expect(sameBudget(even, want)).toBe(true);
    expect(
      sameBudget(
        budget([
          [9, ['a@e.com']],
          [100, ['a@e.com', 'b@e.com']],
        ]),
        want,
      ),
    ).toBe(false);
    expect(sameBudget(even, { ...want, amount: 50 })).toBe(false);
    expect(sameBudget(even, { ...want, currency: 'EUR' })).toBe(false);
    expect(sameBudget(even, { ...want, thresholds: [9, 80] })).toBe(false);
    expect(sameBudget(even, { ...want, subscribers: ['a@e.com'] })).toBe(false);
    expect(want.thresholds).toEqual([100, 9]);
  });

  it('compares two states whatever the order of their lists, names aside', () => {
    const a = { name: 'x', amount: 5, currency: 'USD', thresholds: [80, 100], subscribers: ['a', 'b'] };
    const b = { ...a, name: 'y', thresholds: [100, 80], subscribers: ['b', 'a'] };
    expect(sameBudgetState(a, b)).toBe(true);
    expect(b.thresholds).toEqual([100, 80]);
    expect(sameBudgetState(a, { ...b, amount: 6 })).toBe(false);
    expect(sameBudgetState(a, { ...b, currency: 'EUR' })).toBe(false);
    expect(sameBudgetState(a, { ...b, thresholds: [80] })).toBe(false);
    expect(sameBudgetState(a, { ...b, subscribers: ['a'] })).toBe(false);
  });
});
