import { describe, expect, it } from 'vitest';
import { WRITES_RECORD, type DecisionContext } from '../../engine/src/lifecycle/decision.js';
import {
  STATES,
  type AccountRecord,
  type AccountState,
  type Transaction,
} from '../../engine/src/lifecycle/states.js';
import { decide } from '../../engine/src/lifecycle/transitions.js';
import type { Trigger } from '../../engine/src/lifecycle/triggers.js';

const NOW = '2026-11-28T10:00:00.000Z';
const EARLIER = '2026-11-28T09:00:00.000Z';
const LATER = '2026-11-28T11:00:00.000Z';
const ctx = (over: Partial<DecisionContext> = {}): DecisionContext => ({
  now: NOW,
  eventId: 'event-1',
  timeoutSeconds: 3 * 3600,
  preparation: true,
  purge: true,
  ...over,
});

const tx = (kind: Transaction['kind'], over: Partial<Transaction> = {}): Transaction => ({
  kind,
  id: `${kind}:e0`,
  begin: EARLIER,
  deadline: '2026-11-28T12:00:00.000Z',
  ...over,
});

/** Every record the table can meet: each state, without a record, with and without a transaction. */
function records(): { name: string; record: AccountRecord }[] {
  const out: { name: string; record: AccountRecord }[] = [
    { name: 'no record', record: { accountId: '111111111111', state: 'vanilla', version: 0 } },
  ];
  for (const state of STATES) {
    const base = { accountId: '111111111111', state, version: 3, updatedAt: EARLIER };
    out.push({ name: `${state}`, record: base });
    for (const kind of ['on-boarding', 'maintenance'] as const) {
      out.push({ name: `${state} in ${kind}`, record: { ...base, transaction: tx(kind) } });
      out.push({
        name: `${state} in ${kind} with build`,
        record: {
          ...base,
          transaction: tx(kind, {
            build: { project: kind === 'on-boarding' ? 'SpaPreparation' : 'SpaPurge', id: 'b:1' },
          }),
        },
      });
    }
  }
  return out;
}

function triggers(): Trigger[] {
  const out: Trigger[] = [{ kind: 'created' }, { kind: 'moved' }, { kind: 'window' }, { kind: 'deadline' }];
  for (const value of [...STATES, 'bogus']) {
    out.push({ kind: 'tag-set', value, at: NOW }, { kind: 'tag-set', value, at: '2026-11-28T08:00:00.000Z' });
  }
  for (const project of ['SpaPreparation', 'SpaPurge'] as const)
    for (const status of ['SUCCEEDED', 'FAILED', 'STOPPED', 'IN_PROGRESS'] as const)
      for (const buildId of ['b:1', 'b:2']) out.push({ kind: 'build-ended', project, buildId, status });
  return out;
}

describe('the transition table, every state against every trigger', () => {
  const cases = records().flatMap(({ name, record }) =>
    triggers().flatMap((trigger) =>
      [
        ctx(),
        ctx({ preparation: false }),
        ctx({ purge: false }),
        ctx({ preparation: false, purge: false }),
      ].map((c) => ({ name, record, trigger, c })),
    ),
  );

  it(`holds its invariants over ${cases.length} combinations`, () => {
    for (const { name, record, trigger, c } of cases) {
      const d = decide(record, trigger, c);
      const where = `${name} + ${JSON.stringify(trigger)} (preparation ${c.preparation}, purge ${c.purge})`;
      expect(d.path.length > 0, where).toBe(d.outcome === 'transition');
      const final: AccountState = d.path.at(-1) ?? record.state;
      if (d.outcome === 'transition') {
        expect(
          d.effects.filter((e) => e.kind === 'tag-state'),
          where,
        ).toHaveLength(1);
        // A transaction ends exactly when the account is released, with its activity.
        expect(d.transaction === undefined, where).toBe(final === 'released');
        if (d.effects.some((e) => e.kind === 'activity')) expect(final, where).toBe('released');
      }
      if (!WRITES_RECORD[d.outcome]) expect(d.transaction, where).toBe('keep');
      // A build starts only into a transaction that waits for it, and only one.
      const builds = d.effects.filter((e) => e.kind === 'start-build');
      expect(builds.length <= 1, where).toBe(true);
      if (builds.length === 1) {
        expect(typeof d.transaction === 'object' && d.transaction?.build?.project, where).toBe(
          builds[0]!.kind === 'start-build' ? builds[0]!.project : undefined,
        );
        expect(typeof d.transaction === 'object' && d.transaction?.build?.id, where).toBeFalsy();
      }
      if (builds.some((b) => b.kind === 'start-build' && b.project === 'SpaPreparation'))
        expect(c.preparation && final === 'assigned', where).toBe(true);
      if (builds.some((b) => b.kind === 'start-build' && b.project === 'SpaPurge'))
        expect(c.purge && final === 'expired', where).toBe(true);
      // Nothing is ever emitted for a duplicate.
      if (d.outcome === 'ignore') expect(d.effects, where).toEqual([]);
      if (d.outcome === 'refuse')
        expect(
          d.effects.map((e) => e.kind === 'exception' && e.label),
          where,
        ).toContain('GenericException');
    }
  });
});

const R = (state: AccountState, over: Partial<AccountRecord> = {}): AccountRecord => ({
  accountId: '111111111111',
  state,
  version: 3,
  updatedAt: EARLIER,
  ...over,
});
const labels = (t: Trigger, r: AccountRecord, c = ctx()) =>
  decide(r, t, c).effects.map((e) =>
    e.kind === 'emit' || e.kind === 'exception'
      ? e.label
      : e.kind === 'start-build'
        ? `build ${e.project}`
        : e.kind,
  );

describe('on-boarding', () => {
  it('assigns a new account, tags it and starts the preparation', () => {
    const d = decide(R('vanilla', { version: 0, updatedAt: undefined as never }), { kind: 'created' }, ctx());
    expect(d.path).toEqual(['assigned']);
    expect(d.transaction).toMatchObject({
      kind: 'on-boarding',
      id: 'on-boarding:event-1',
      begin: NOW,
      deadline: '2026-11-28T13:00:00.000Z',
      build: { project: 'SpaPreparation' },
    });
    expect(labels({ kind: 'created' }, R('vanilla', { version: 0 }))).toEqual([
      'tag-settings',
      'tag-state',
      'CreatedAccount',
      'AssignedAccount',
      'build SpaPreparation',
    ]);
  });

  it('releases at once when preparation is disabled', () => {
    const d = decide(R('vanilla', { version: 0 }), { kind: 'moved' }, ctx({ preparation: false }));
    expect(d.path).toEqual(['assigned', 'released']);
    expect(labels({ kind: 'moved' }, R('vanilla', { version: 0 }), ctx({ preparation: false }))).toEqual([
      'tag-settings',
      'tag-state',
      'CreatedAccount',
      'AssignedAccount',
      'ReleasedAccount',
      'activity',
    ]);
  });

  it('releases the account when its preparation succeeds, and ends the transaction', () => {
    const r = R('assigned', {
      transaction: tx('on-boarding', { build: { project: 'SpaPreparation', id: 'b:1' } }),
    });
    const t: Trigger = {
      kind: 'build-ended',
      project: 'SpaPreparation',
      buildId: 'b:1',
      status: 'SUCCEEDED',
    };
    expect(decide(r, t, ctx()).path).toEqual(['released']);
    expect(labels(t, r)).toEqual(['PreparedAccount', 'tag-state', 'ReleasedAccount', 'activity']);
  });

  it('ignores CreateAccountResult, MoveAccount and the vanilla tag of spa apply once on-boarding runs', () => {
    const r = R('assigned', { transaction: tx('on-boarding') });
    expect(decide(r, { kind: 'created' }, ctx()).outcome).toBe('ignore');
    expect(decide(r, { kind: 'moved' }, ctx()).outcome).toBe('ignore');
    const d = decide(r, { kind: 'tag-set', value: 'vanilla', at: LATER }, ctx());
    expect(d.outcome).toBe('restore');
    expect(d.effects).toEqual([{ kind: 'tag-state' }]);
  });

  it('on-boards again on a vanilla tag once the account is released, or its on-boarding failed', () => {
    expect(decide(R('released'), { kind: 'tag-set', value: 'vanilla', at: LATER }, ctx()).path).toEqual([
      'assigned',
    ]);
    const stuck = R('assigned', { transaction: tx('on-boarding', { failedAt: NOW }) });
    expect(decide(stuck, { kind: 'tag-set', value: 'vanilla', at: LATER }, ctx()).outcome).toBe('transition');
  });
});

describe('maintenance', () => {
  it('expires a released account and starts the purge', () => {
    expect(labels({ kind: 'window' }, R('released'))).toEqual([
      'tag-state',
      'ExpiredAccount',
      'build SpaPurge',
    ]);
    expect(decide(R('released'), { kind: 'window' }, ctx()).transaction).toMatchObject({
      kind: 'maintenance',
    });
  });

  it('goes back to assigned and prepares once purged', () => {
    const r = R('expired', { transaction: tx('maintenance', { build: { project: 'SpaPurge', id: 'b:1' } }) });
    const t: Trigger = { kind: 'build-ended', project: 'SpaPurge', buildId: 'b:1', status: 'SUCCEEDED' };
    const d = decide(r, t, ctx());
    expect(d.path).toEqual(['assigned']);
    expect(d.transaction).toMatchObject({
      kind: 'maintenance',
      id: 'maintenance:e0',
      build: { project: 'SpaPreparation' },
    });
    expect(labels(t, r)).toEqual([
      'tag-settings',
      'tag-state',
      'PurgedAccount',
      'AssignedAccount',
      'build SpaPreparation',
    ]);
  });

  it('runs the whole round at once when purge and preparation are disabled', () => {
    const c = ctx({ preparation: false, purge: false });
    expect(decide(R('released'), { kind: 'window' }, c).path).toEqual(['expired', 'assigned', 'released']);
    expect(labels({ kind: 'window' }, R('released'), c)).toEqual([
      'ExpiredAccount',
      'tag-settings',
      'tag-state',
      'AssignedAccount',
      'ReleasedAccount',
      'activity',
    ]);
  });

  it.each(['vanilla', 'assigned', 'expired'] as const)(
    'reports an account found %s instead of skipping it',
    (state) => {
      const d = decide(R(state), { kind: 'window' }, ctx());
      expect(d.outcome).toBe('report');
      expect(labels({ kind: 'window' }, R(state))).toEqual(['FailedMaintenanceException']);
    },
  );
});

describe('failures', () => {
  it.each([
    ['SpaPreparation', 'assigned', 'on-boarding'],
    ['SpaPurge', 'expired', 'maintenance'],
  ] as const)(
    'a failed %s build raises FailedCodebuildException and keeps the account %s',
    (project, state, kind) => {
      const r = R(state, { transaction: tx(kind, { build: { project, id: 'b:1' } }) });
      for (const status of ['FAILED', 'STOPPED'] as const) {
        const d = decide(r, { kind: 'build-ended', project, buildId: 'b:1', status }, ctx());
        expect(d.outcome).toBe('update');
        expect(d.transaction).toMatchObject({ build: { project, id: 'b:1', status } });
        expect(d.effects).toEqual([
          expect.objectContaining({ kind: 'exception', label: 'FailedCodebuildException' }),
        ]);
      }
    },
  );

  it('ignores builds of another transaction and builds that are still running', () => {
    const r = R('assigned', {
      transaction: tx('on-boarding', { build: { project: 'SpaPreparation', id: 'b:1' } }),
    });
    expect(
      decide(
        r,
        { kind: 'build-ended', project: 'SpaPreparation', buildId: 'b:0', status: 'SUCCEEDED' },
        ctx(),
      ).outcome,
    ).toBe('ignore');
    expect(
      decide(
        r,
        { kind: 'build-ended', project: 'SpaPreparation', buildId: 'b:1', status: 'IN_PROGRESS' },
        ctx(),
      ).outcome,
    ).toBe('ignore');
    expect(
      decide(r, { kind: 'build-ended', project: 'SpaPurge', buildId: 'b:1', status: 'SUCCEEDED' }, ctx())
        .outcome,
    ).toBe('ignore');
  });

  it('reports a transaction past its deadline once, with its state and last build', () => {
    const r = R('expired', {
      transaction: tx('maintenance', {
        deadline: EARLIER,
        build: { project: 'SpaPurge', id: 'SpaPurge:b1' },
      }),
    });
    const d = decide(r, { kind: 'deadline' }, ctx());
    expect(d.outcome).toBe('update');
    expect(d.transaction).toMatchObject({ failedAt: NOW });
    expect(d.effects[0]).toMatchObject({ kind: 'exception', label: 'FailedMaintenanceException' });
    expect(JSON.stringify(d.effects[0])).toContain('SpaPurge:b1');
    const after = R('expired', { transaction: d.transaction as Transaction });
    expect(decide(after, { kind: 'deadline' }, ctx()).outcome).toBe('ignore');
    expect(
      decide(R('assigned', { transaction: tx('on-boarding') }), { kind: 'deadline' }, ctx()).outcome,
    ).toBe('ignore');
  });
});

describe('the state tag as a request', () => {
  it('ignores a vanilla tag older than the last transition: the on-boarding it asked for already ran', () => {
    const d = decide(
      R('released'),
      { kind: 'tag-set', value: 'vanilla', at: '2026-11-28T08:00:00.000Z' },
      ctx(),
    );
    expect(d.outcome).toBe('ignore');
  });

  it('recognises the runtime own tag writes coming back, and tags older than the last transition', () => {
    expect(decide(R('released'), { kind: 'tag-set', value: 'released', at: LATER }, ctx()).outcome).toBe(
      'ignore',
    );
    const old = decide(
      R('released'),
      { kind: 'tag-set', value: 'assigned', at: '2026-11-28T08:00:00.000Z' },
      ctx(),
    );
    expect(old.outcome).toBe('ignore');
  });

  it.each([
    ['expired', 'released', 'transition'],
    ['released', 'assigned', 'transition'],
    ['released', 'expired', 'transition'],
    ['expired', 'assigned', 'refuse'],
    ['expired', 'vanilla', 'refuse'],
    ['released', 'vanilla', 'refuse'],
    ['assigned', 'released', 'refuse'],
    ['assigned', 'expired', 'refuse'],
    ['bogus', 'released', 'refuse'],
  ] as const)('%s requested from %s: %s', (value, from, outcome) => {
    const d = decide(R(from), { kind: 'tag-set', value, at: LATER }, ctx());
    expect(d.outcome).toBe(outcome);
    if (outcome === 'refuse') {
      expect(d.effects[0]).toEqual({ kind: 'tag-state' });
      expect(d.effects[1]).toMatchObject({ label: 'GenericException' });
      expect(JSON.stringify(d.effects[1])).toContain(`\\"${value}\\"`);
    }
  });

  it('releases an account by hand and ends its transaction with an activity', () => {
    const r = R('expired', { transaction: tx('maintenance') });
    expect(labels({ kind: 'tag-set', value: 'released', at: LATER }, r)).toEqual([
      'tag-state',
      'ReleasedAccount',
      'activity',
    ]);
  });
});
