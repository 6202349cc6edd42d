import { describe, expect, it } from 'vitest';
import { indexDesired } from '../../engine/src/desired/index-of.js';
import { inOu, type AccountView } from '../../engine/src/lifecycle/account-view.js';
import { checkAccounts } from '../../engine/src/lifecycle/check-accounts.js';
import { maintenanceWindows, windowOfOu } from '../../engine/src/lifecycle/maintenance-windows.js';
import { stateRequests } from '../../engine/src/lifecycle/state-requests.js';
import { desiredOf } from '../helpers/observed.js';
import { minimalTree } from '../helpers/tree.js';

const NOW = '2026-11-28T10:00:00.000Z';
const KEYS = { state: 'account-state', holder: 'account-holder' };

const desired = desiredOf(
  minimalTree({
    settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' },
    defaults: {
      tags: { team: 'a' },
      unsetTags: ['Old'],
      preparation: { enabled: true },
      purge: { enabled: true },
    },
    ous: {
      Sandbox: { managed: true },
      'Sandbox/Lab': { managed: true, maintenanceWindow: 'cron(0 6 ? * MON *)' },
      'Sandbox/Lab/Deep': { managed: true },
      Workloads: { managed: false },
    },
    accounts: {
      alice: { organizationalUnit: 'Sandbox' },
      bob: { organizationalUnit: 'Sandbox/Lab', preparation: { enabled: false } },
      carol: { organizationalUnit: 'Workloads' },
      dan: { organizationalUnit: 'Workloads', closed: true },
    },
  }),
);
const settingsOf = (name: string) => desired.accounts.find((a) => a.name === name)!.settings;

function view(over: Partial<AccountView> = {}): AccountView {
  return {
    id: '111111111111',
    name: 'alice',
    email: 'alice@example.com',
    ouPath: 'Sandbox',
    status: 'ACTIVE',
    tags: { 'account-state': 'released', team: 'a' },
    settings: settingsOf('alice'),
    record: { accountId: '111111111111', state: 'released', version: 2 },
    ...over,
  };
}

describe('the checks of spa accounts check', () => {
  it('finds nothing on a released account whose tags are those of its settings', () => {
    expect(checkAccounts([view()], KEYS, NOW)).toEqual([]);
  });

  it('leaves alone an account SPA does not manage', () => {
    expect(checkAccounts([view({ settings: undefined, tags: {} })], KEYS, NOW)).toEqual([]);
  });

  it('says what is wrong with the state tag, each with its code', () => {
    const found = (tags: Record<string, string>) =>
      checkAccounts([view({ tags: { team: 'a', ...tags }, record: undefined })], KEYS, NOW).map((f) => [
        f.code,
        f.message,
      ]);
    expect(found({})).toEqual([
      ['missing-state', 'no account-state tag: spa apply hands it to the lifecycle'],
    ]);
    expect(found({ 'account-state': 'gone' })).toEqual([
      ['unknown-state', 'account-state is "gone", not a state of the lifecycle'],
    ]);
    // Without a record, a state of the lifecycle is also an account the runtime has not adopted yet.
    expect(found({ 'account-state': 'assigned' })).toEqual([
      ['not-released', 'account-state is assigned'],
      [
        'no-record',
        'no record in the runtime (account-state is assigned): the runtime adopts it at its next event or window, or run spa accounts adopt --yes',
      ],
    ]);
  });

  it('finds a transaction past its deadline or reported stuck, not one still in time', () => {
    const tx = { kind: 'maintenance' as const, id: 'm', begin: '2026-11-28T08:00:00.000Z' };
    const stuck = (deadline: string, failedAt?: string) =>
      checkAccounts(
        [
          view({
            record: {
              accountId: '1',
              state: 'released',
              version: 2,
              transaction: { ...tx, deadline, ...(failedAt ? { failedAt } : {}) },
            },
          }),
        ],
        KEYS,
        NOW,
      );
    expect(stuck('2026-11-28T09:59:59.999Z')).toEqual([
      {
        accountId: '111111111111',
        name: 'alice',
        code: 'stuck',
        message:
          'its maintenance begun at 2026-11-28T08:00:00.000Z passed its deadline 2026-11-28T09:59:59.999Z',
      },
    ]);
    expect(stuck(NOW)).toEqual([]);
    expect(stuck('2026-11-28T11:00:00.000Z', NOW).map((f) => f.code)).toEqual(['stuck']);
  });

  it('finds a tag that says another state than the record, once the record exists', () => {
    const differs = (version: number) =>
      checkAccounts([view({ record: { accountId: '1', state: 'expired', version } })], KEYS, NOW);
    expect(differs(1).map((f) => [f.code, f.message])).toEqual([
      ['state-differs', 'the tag says released, the record says expired'],
    ]);
    expect(differs(0).map((f) => f.code)).toEqual(['no-record']);
  });

  it('finds tags that differ from the settings, and tags the settings unset', () => {
    const found = checkAccounts([view({ tags: { 'account-state': 'released', Old: 'x' } })], KEYS, NOW);
    expect(found.map((f) => [f.code, f.message])).toEqual([
      ['tag-differs', 'team is null, the settings give "a"'],
      ['unset-tag', 'Old is present, the settings unset it'],
    ]);
    const wrong = checkAccounts([view({ tags: { 'account-state': 'released', team: 'b' } })], KEYS, NOW);
    expect(wrong.map((f) => f.message)).toEqual(['team is "b", the settings give "a"']);
  });
});

describe('the accounts of an OU', () => {
  it('are those of the OU and of the OUs below it, not of an OU whose name begins the same', () => {
    expect(inOu(view({ ouPath: 'Sandbox' }), 'Sandbox')).toBe(true);
    expect(inOu(view({ ouPath: 'Sandbox/Lab' }), 'Sandbox')).toBe(true);
    expect(inOu(view({ ouPath: 'SandboxOld' }), 'Sandbox')).toBe(false);
    expect(inOu(view({ ouPath: 'Workloads' }), 'Sandbox')).toBe(false);
    expect(inOu(view({ ouPath: 'Workloads' }), undefined)).toBe(true);
  });
});

describe('the maintenance windows', () => {
  const index = indexDesired(desired);

  it('take the window of the nearest OU file that sets one, else that of settings.yaml', () => {
    expect(windowOfOu(index, 'Sandbox')).toBe('cron(0 18 ? * SAT *)');
    expect(windowOfOu(index, 'Sandbox/Lab')).toBe('cron(0 6 ? * MON *)');
    expect(windowOfOu(index, 'Sandbox/Lab/Deep')).toBe('cron(0 6 ? * MON *)');
    expect(windowOfOu(index, 'Sandbox/Lab/Deep/NoFile')).toBe('cron(0 6 ? * MON *)');
    expect(windowOfOu(index, 'Elsewhere')).toBeUndefined();
  });

  it('group the managed OUs and the OUs of open account files by window, one schedule each', () => {
    expect(maintenanceWindows(index)).toEqual(
      new Map([
        ['cron(0 18 ? * SAT *)', ['Sandbox', 'Workloads']],
        ['cron(0 6 ? * MON *)', ['Sandbox/Lab', 'Sandbox/Lab/Deep']],
      ]),
    );
  });
});

describe('the maintenance windows without a window in settings.yaml', () => {
  const index = indexDesired(
    desiredOf(
      minimalTree({
        ous: {
          Sandbox: { managed: true, maintenanceWindow: 'cron(0 6 ? * MON *)' },
          Alpha: { managed: false, maintenanceWindow: 'cron(0 6 ? * MON *)' },
          Closed: { managed: false, maintenanceWindow: 'cron(0 7 ? * MON *)' },
          Unmanaged: { managed: false, maintenanceWindow: 'cron(0 8 ? * MON *)' },
          Plain: { managed: true },
        },
        accounts: {
          erin: { organizationalUnit: 'Alpha' },
          frank: { organizationalUnit: 'Closed', closed: true },
        },
      }),
    ),
  );

  it('leave out OUs without a window, unmanaged OUs, and OUs of closed accounts only; list each window by OU', () => {
    expect(windowOfOu(index, 'Plain')).toBeUndefined();
    expect(maintenanceWindows(index)).toEqual(new Map([['cron(0 6 ? * MON *)', ['Alpha', 'Sandbox']]]));
  });
});

describe('spa accounts reset, release and expire', () => {
  it('decide for the managed accounts only, from their record or else from their tag', () => {
    const requests = stateRequests(
      [
        view({ record: undefined, tags: { 'account-state': 'expired' } }),
        view({
          id: '222222222222',
          name: 'bob',
          settings: settingsOf('bob'),
          record: { accountId: '2', state: 'expired', version: 4 },
        }),
        view({ id: '333333333333', record: { accountId: '3', state: 'assigned', version: 0 }, tags: {} }),
        view({ id: '444444444444', settings: undefined }),
      ],
      'released',
      { now: NOW, stateKey: 'account-state', timeoutSeconds: 60 },
    );
    expect(requests.map((r) => [r.view.id, r.decision.outcome, r.decision.reason])).toEqual([
      ['111111111111', 'transition', 'the state tag was set to released'],
      ['222222222222', 'transition', 'the state tag was set to released'],
      ['333333333333', 'refuse', '"released" is not allowed from vanilla'],
    ]);
  });

  it('start the builds each account has enabled', () => {
    const [alice, bob] = stateRequests(
      [view(), view({ id: '2', name: 'bob', settings: settingsOf('bob') })],
      'vanilla',
      { now: NOW, stateKey: 'account-state', timeoutSeconds: 60 },
    );
    expect(alice?.decision.path).toEqual(['assigned']);
    expect(alice?.decision.transaction).toMatchObject({
      id: 'on-boarding:preview',
      deadline: '2026-11-28T10:01:00.000Z',
    });
    expect(bob?.decision.path).toEqual(['assigned', 'released']);
  });

  it('expire with the purge an account has enabled', () => {
    const [alice] = stateRequests([view()], 'expired', {
      now: NOW,
      stateKey: 'account-state',
      timeoutSeconds: 60,
    });
    expect(alice?.decision.effects).toContainEqual({ kind: 'start-build', project: 'SpaPurge' });
  });
});
