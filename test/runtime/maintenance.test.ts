import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SETTINGS = {
  defaults: {
    organizationalUnit: 'Sandbox',
    preparation: { enabled: true },
    purge: { enabled: true, variables: { PURGE_MODE: '--force' } },
  },
  settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' },
  ous: {
    Sandbox: { managed: true },
    Lab: { managed: true, maintenanceWindow: 'cron(0 6 ? * MON *)' },
  },
  accounts: { alice: {} },
};

/** Accounts of an earlier SPA, released (and one stuck in assigned): the runtime adopts them as their tag shows. */
const SEED = {
  ous: ['Sandbox', 'Lab'],
  accounts: [
    { name: 'alice', email: 'alice@example.com', ou: 'Sandbox', tags: { 'account-state': 'released' } },
    { name: 'bob', email: 'bob@example.com', ou: 'Sandbox', tags: { 'account-state': 'released' } },
    { name: 'carol', email: 'carol@example.com', ou: 'Sandbox', tags: { 'account-state': 'assigned' } },
    { name: 'dave', email: 'dave@example.com', ou: 'Lab', tags: { 'account-state': 'released' } },
  ],
};

const id = (w: RuntimeWorld, name: string) => w.ws.seeded.accountIds.get(`${name}@example.com`)!;

describe('maintenance windows, on the local runtime', () => {
  let offsetMs = 0;
  let w: RuntimeWorld;
  beforeAll(async () => {
    w = await runtimeWorld(emulator, SEED, SETTINGS, { now: () => new Date(Date.now() + offsetMs) });
  });

  it('publishes one schedule per distinct window, in the time zone of the settings', async () => {
    const r = await w.ws.spa(['publish']);
    expect(r.stdout).toMatch(
      /schedule window-[0-9a-f]{16} unchanged: cron\(0 18 \? \* SAT \*\) \(UTC\) for Sandbox/,
    );
    expect(r.stdout).toMatch(/cron\(0 6 \? \* MON \*\) \(UTC\) for Lab/);
  });

  it('takes every released account of the window round again, and reports the one that is not released', async () => {
    // What an operator types while a runtime runs: Scheduler's message for the window of the OU.
    const fired = await w.ws.spa(['runtime', 'local', '--fire', 'maintenance', '--ou', 'Sandbox']);
    expect([fired.code, fired.stdout]).toEqual([0, 'fired cron(0 18 ? * SAT *)\n']);
    await w.rt.runUntilIdle();
    await w.tap.read();
    for (const name of ['alice', 'bob'])
      expect(w.tap.labelsOf(id(w, name)), name).toEqual([
        'AdoptedAccount',
        'ExpiredAccount',
        'PurgedAccount',
        'AssignedAccount',
        'PreparedAccount',
        'ReleasedAccount',
        'SuccessfulMaintenance',
      ]);
    expect(w.tap.labelsOf(id(w, 'carol'))).toEqual(['AdoptedAccount', 'FailedMaintenanceException']);
    const carol = w.tap.events.find(
      (e) => e.detail.Account === id(w, 'carol') && e['detail-type'] === 'FailedMaintenanceException',
    )!;
    expect(carol.detail).toMatchObject({ State: 'assigned', Environment: 'SpaTest' });
    // Another window: Lab's account was not touched.
    expect(w.tap.labelsOf(id(w, 'dave'))).toEqual([]);
    expect(await w.tags(id(w, 'alice'))).toMatchObject({ 'account-state': 'released' });
    expect(await w.record(id(w, 'alice'))).toMatchObject({ state: 'released' });
  });

  it('raises FailedCodebuildException on a failed purge, and keeps the account expired', async () => {
    w.rt.builds.setOutcome(id(w, 'alice'), 'SpaPurge', 'FAILED');
    w.tap.events.length = 0;
    await w.rt.fire('Sandbox');
    await w.rt.runUntilIdle();
    await w.tap.read();
    expect(w.tap.labelsOf(id(w, 'alice'))).toEqual(['ExpiredAccount', 'FailedCodebuildException']);
    const failure = w.tap.events.find((e) => e['detail-type'] === 'FailedCodebuildException')!;
    expect(failure.detail).toMatchObject({
      Account: id(w, 'alice'),
      State: 'expired',
      Build: { Project: 'SpaPurge', Status: 'FAILED', Id: expect.stringMatching(/^SpaPurge:/) as unknown },
      Transaction: { Kind: 'maintenance' },
    });
    expect(await w.tags(id(w, 'alice'))).toMatchObject({ 'account-state': 'expired' });
  });

  it('reports a maintenance whose build never reports once its deadline passed, once', async () => {
    w.rt.builds.setOutcome(id(w, 'bob'), 'SpaPurge', 'silent');
    w.tap.events.length = 0;
    await w.rt.fire('Sandbox');
    await w.rt.runUntilIdle();
    await w.tap.read();
    expect(w.tap.labelsOf(id(w, 'bob'))).toEqual(['ExpiredAccount']);
    offsetMs = 4 * 3600_000;
    await w.rt.runUntilIdle();
    await w.rt.runUntilIdle();
    await w.tap.read();
    expect(w.tap.labelsOf(id(w, 'bob'))).toEqual(['ExpiredAccount', 'FailedMaintenanceException']);
    const stuck = w.tap.events.filter(
      (e) => e['detail-type'] === 'FailedMaintenanceException' && e.detail.Account === id(w, 'bob'),
    );
    expect(stuck).toHaveLength(1);
    expect(stuck[0]!.detail).toMatchObject({ State: 'expired', Build: { Project: 'SpaPurge' } });
    expect((await w.record(id(w, 'bob')))?.transaction?.failedAt).toBeDefined();
  });
});
