import { describe, expect, it } from 'vitest';
import { WRITES_RECORD, type Decision, type DecisionContext } from '../../engine/src/lifecycle/decision.js';
import type { AccountRecord, Transaction } from '../../engine/src/lifecycle/states.js';
import { decide } from '../../engine/src/lifecycle/transitions.js';

// What the transition table tells people: the reason of each decision (logged with the account) and the exceptions
// that become issues. Each text is checked word for word, with the boundaries of its conditions.

const NOW = '2026-11-28T10:00:00.000Z';
const BEFORE = '2026-11-28T09:00:00.000Z';
const ctx = (over: Partial<DecisionContext> = {}): DecisionContext => ({
  now: NOW,
  eventId: 'e1',
  timeoutSeconds: 3600,
  preparation: true,
  purge: true,
  ...over,
});
const record = (over: Partial<AccountRecord> = {}): AccountRecord => ({
  accountId: '111111111111',
  state: 'released',
  version: 3,
  updatedAt: BEFORE,
  ...over,
});
const tx = (over: Partial<Transaction> = {}): Transaction => ({
  kind: 'maintenance',
  id: 'maintenance:e0',
  begin: '2026-11-28T08:00:00.000Z',
  deadline: '2026-11-28T09:30:00.000Z',
  ...over,
});
const exception = (d: Decision) => d.effects.find((e) => e.kind === 'exception');
const messageOf = (d: Decision) => {
  const e = exception(d);
  return e?.kind === 'exception' ? e.message : '';
};

describe('the reasons of the transition table', () => {
  it('tells a created account from one moved into a managed OU, and one already in the lifecycle', () => {
    const vanilla = record({ state: 'vanilla', version: 0 });
    expect(decide(vanilla, { kind: 'created' }, ctx()).reason).toBe('the account was created');
    expect(decide(vanilla, { kind: 'moved' }, ctx()).reason).toBe('the account moved into a managed OU');
    expect(decide(record(), { kind: 'moved' }, ctx())).toMatchObject({
      outcome: 'ignore',
      reason: 'the account is already in the lifecycle (released)',
    });
  });

  it('names the tag request it follows', () => {
    const at = NOW;
    expect(decide(record(), { kind: 'tag-set', value: 'expired', at }, ctx()).reason).toBe(
      'the state tag was set to expired',
    );
    expect(decide(record(), { kind: 'tag-set', value: 'vanilla', at }, ctx()).reason).toBe(
      'the state tag was set to vanilla',
    );
    expect(
      decide(record({ state: 'expired' }), { kind: 'tag-set', value: 'released', at }, ctx()).reason,
    ).toBe('the state tag was set to released');
    expect(decide(record(), { kind: 'tag-set', value: 'released', at }, ctx())).toMatchObject({
      outcome: 'ignore',
      reason: 'the tag already says released',
    });
    const onBoarding = record({ state: 'assigned', transaction: tx({ kind: 'on-boarding' }) });
    expect(decide(onBoarding, { kind: 'tag-set', value: 'vanilla', at }, ctx())).toMatchObject({
      outcome: 'restore',
      reason: 'the on-boarding is already under way',
      effects: [{ kind: 'tag-state' }],
    });
    expect(WRITES_RECORD.restore).toBe(false);
    const failedOnBoarding = record({
      state: 'vanilla',
      transaction: tx({ kind: 'on-boarding', failedAt: BEFORE }),
    });
    expect(decide(failedOnBoarding, { kind: 'tag-set', value: 'vanilla', at }, ctx())).toMatchObject({
      outcome: 'transition',
      reason: 'the state tag was set to vanilla',
    });
  });

  it('ignores a tag set at the very time of the last transition, and follows one a millisecond later', () => {
    const at = '2026-11-28T09:00:00.000Z';
    expect(decide(record({ updatedAt: at }), { kind: 'tag-set', value: 'expired', at }, ctx())).toMatchObject(
      {
        outcome: 'ignore',
        reason: `a tag of ${at}, older than the last transition (${at})`,
      },
    );
    const later = '2026-11-28T09:00:00.001Z';
    expect(
      decide(record({ updatedAt: at }), { kind: 'tag-set', value: 'expired', at: later }, ctx()).outcome,
    ).toBe('transition');
  });

  it('refuses a request the table does not allow, says which are, and puts back only a tag it wrote', () => {
    const d = decide(record({ state: 'assigned' }), { kind: 'tag-set', value: 'expired', at: NOW }, ctx());
    expect(d).toMatchObject({ outcome: 'refuse', reason: '"expired" is not allowed from assigned' });
    expect(d.effects).toEqual([
      { kind: 'tag-state' },
      {
        kind: 'exception',
        label: 'GenericException',
        title: 'Refused change of account state',
        message:
          'The state tag of account 111111111111 was set to "expired" while the account is assigned. This change ' +
          'is not allowed, and the tag was put back to assigned. Allowed changes: vanilla (from vanilla, assigned, ' +
          'released, expired); expired (from released); released (from assigned, expired).',
      },
    ]);
    const adopted = decide(
      record({ state: 'assigned', version: 0 }),
      { kind: 'tag-set', value: 'x', at: NOW },
      ctx(),
    );
    expect(adopted.effects.map((e) => e.kind)).toEqual(['exception']);
  });

  it('says why a build is ignored, and what a failed build means for the account', () => {
    const purging = record({
      state: 'expired',
      transaction: tx({ build: { project: 'SpaPurge', id: 'SpaPurge:1' } }),
    });
    const ended = (status: 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED', buildId = 'SpaPurge:1') =>
      decide(purging, { kind: 'build-ended', project: 'SpaPurge', buildId, status }, ctx());
    expect(ended('IN_PROGRESS').reason).toBe('the build is still running');
    expect(ended('FAILED', 'SpaPurge:2').reason).toBe(
      'build SpaPurge:2 is not the build of the transaction (SpaPurge:1)',
    );
    expect(
      decide(record(), { kind: 'build-ended', project: 'SpaPurge', buildId: 'b', status: 'FAILED' }, ctx())
        .reason,
    ).toBe('a SpaPurge build ended while the account is released');
    const failed = ended('FAILED');
    expect(failed).toMatchObject({ outcome: 'update', reason: 'the build FAILED' });
    expect(exception(failed)).toEqual({
      kind: 'exception',
      label: 'FailedCodebuildException',
      title: 'SpaPurge build FAILED',
      message:
        'The SpaPurge build SpaPurge:1 of account 111111111111 ended with status FAILED during its maintenance. The ' +
        'account stays expired: inspect the build log in the account, then set its state tag (vanilla to on-board ' +
        'again, released to release it).',
    });
    expect(ended('SUCCEEDED').reason).toBe('the purge succeeded');
    expect(decide(record(), { kind: 'window' }, ctx({ purge: false })).reason).toBe('the maintenance window');
    const preparing = record({
      state: 'assigned',
      transaction: tx({ kind: 'on-boarding', build: { project: 'SpaPreparation', id: 'p' } }),
    });
    expect(
      decide(
        preparing,
        { kind: 'build-ended', project: 'SpaPreparation', buildId: 'p', status: 'SUCCEEDED' },
        ctx(),
      ).reason,
    ).toBe('the preparation succeeded');
  });

  it('reports the maintenance window finding an account that is not released, with what it is doing', () => {
    const stuck = record({ state: 'assigned', transaction: tx({ kind: 'on-boarding', failedAt: BEFORE }) });
    const d = decide(stuck, { kind: 'window' }, ctx());
    expect(d).toMatchObject({ outcome: 'report', reason: 'the account is assigned' });
    expect(exception(d)).toEqual({
      kind: 'exception',
      label: 'FailedMaintenanceException',
      title: 'Account not maintained: it is not released',
      message:
        'The maintenance window found account 111111111111 assigned (on-boarding since 2026-11-28T08:00:00.000Z, ' +
        'reported stuck) instead of released, and did not maintain it. Release it (spa accounts release) or ' +
        'on-board it again (spa accounts reset).',
    });
    const running = decide(record({ state: 'expired', transaction: tx() }), { kind: 'window' }, ctx());
    expect(messageOf(running)).toContain(
      'found account 111111111111 expired (maintenance since 2026-11-28T08:00:00.000Z) instead',
    );
    const bare = decide(record({ state: 'vanilla' }), { kind: 'window' }, ctx());
    expect(messageOf(bare)).toContain('111111111111 vanilla instead of');
  });
});

describe('the deadline of a transaction', () => {
  it('is reached at its very instant, and names the last build and its status', () => {
    const due = record({
      state: 'expired',
      transaction: tx({ deadline: NOW, build: { project: 'SpaPurge', id: 'SpaPurge:9' } }),
    });
    const d = decide(due, { kind: 'deadline' }, ctx());
    expect(d).toMatchObject({
      outcome: 'update',
      reason: 'the transaction passed its deadline',
      path: [],
      transaction: { failedAt: NOW },
    });
    expect(exception(d)).toEqual({
      kind: 'exception',
      label: 'FailedMaintenanceException',
      title: 'The maintenance of account 111111111111 has timed out',
      message:
        'The maintenance of account 111111111111, begun at 2026-11-28T08:00:00.000Z, was not over by its deadline ' +
        `${NOW}: the account is expired, not released. The last build is SpaPurge:9 (no status received).`,
    });
  });

  it('is not reached a millisecond before, and an on-boarding without a build says so', () => {
    const early = record({
      state: 'assigned',
      transaction: tx({ kind: 'on-boarding', deadline: '2026-11-28T10:00:00.001Z' }),
    });
    expect(decide(early, { kind: 'deadline' }, ctx())).toMatchObject({
      outcome: 'ignore',
      reason: 'no open transaction past its deadline',
    });
    const late = record({
      state: 'assigned',
      transaction: tx({ kind: 'on-boarding', build: { project: 'SpaPreparation' } }),
    });
    const timedOut = decide(late, { kind: 'deadline' }, ctx());
    expect(exception(timedOut)).toMatchObject({
      label: 'FailedOnBoardingException',
      title: 'The on-boarding of account 111111111111 has timed out',
    });
    expect(messageOf(timedOut)).toMatch(/not released\.$/);
  });
});

describe('releasing by hand', () => {
  it('records no activity for an account without a transaction', () => {
    const d = decide(record({ state: 'expired' }), { kind: 'tag-set', value: 'released', at: NOW }, ctx());
    expect(d.effects).toEqual([{ kind: 'tag-state' }, { kind: 'emit', label: 'ReleasedAccount' }]);
  });
});
