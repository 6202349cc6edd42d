import { randomUUID } from 'node:crypto';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type FixtureName } from '../helpers/fixtures.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';
import { tagAccount } from '../support/seed.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SETTINGS = {
  defaults: { organizationalUnit: 'Sandbox', preparation: { enabled: true }, purge: { enabled: true } },
  settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' },
  ous: { Sandbox: { managed: true } },
};

/**
 * alice and bob were released by this runtime; mallory is a member account of the organization that puts on the
 * central bus what it should not; carol and erin (released) and dan (vanilla, never on-boarded) come from before
 * the runtime: they have no record.
 */
const SEED = {
  ous: ['Sandbox'],
  accounts: [
    ...['alice', 'bob', 'mallory'].map((n) => ({ name: n, email: `${n}@example.com`, ou: 'Sandbox' })),
    { name: 'carol', email: 'carol@example.com', ou: 'Sandbox', tags: { 'account-state': 'released' } },
    { name: 'dan', email: 'dan@example.com', ou: 'Sandbox', tags: { 'account-state': 'vanilla' } },
    { name: 'erin', email: 'erin@example.com', ou: 'Sandbox', tags: { 'account-state': 'released' } },
  ],
};

let w: RuntimeWorld;
const id = (name: string) => w.ws.seeded.accountIds.get(`${name}@example.com`)!;

/** Puts one event on the central bus as `sender` would (its credentials; the relay keeps it that account's). */
async function putAs(sender: string, event: Record<string, unknown>): Promise<void> {
  const bus = await w.rt.relay.bus(sender);
  const out = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: event.source as string,
          DetailType: event['detail-type'] as string,
          Detail: JSON.stringify(event.detail),
        },
      ],
    }),
  );
  expect(out.FailedEntryCount ?? 0).toBe(0);
  await w.rt.runUntilIdle();
  await w.tap.read();
}

/** A recorded event about `about`, as the management account's CloudTrail (or a member account) wrote it. */
function recorded(name: FixtureName, about: string, extra: Record<string, string> = {}) {
  const event = fixture(name, {
    '444444444444': about,
    '111111111111': w.ws.managementAccountId,
    '2026-11-28T10:09:40Z': new Date().toISOString(),
    '2026-11-28T10:30:00Z': new Date().toISOString(),
    ...extra,
  });
  return { ...event, detail: { ...(event.detail as object), eventID: randomUUID() } };
}

const refusedLogs = (sender: string) =>
  w.logs
    .map((l) => JSON.parse(l) as { message: string; sender?: string })
    .filter((l) => l.sender === sender && l.message.startsWith('refused an event'))
    .map((l) => l.message);

describe('who sent it decides whether it counts, on the local runtime', () => {
  beforeAll(async () => {
    w = await runtimeWorld(emulator, SEED, SETTINGS);
    for (const name of ['alice', 'bob', 'mallory'])
      await tagAccount(w.ws.aws, id(name), { 'account-state': 'vanilla' });
    await w.rt.runUntilIdle();
    await w.tap.read();
  }, 120_000);

  it('on-boarded the accounts the runtime saw handed over, and adopted none of them', () => {
    for (const name of ['alice', 'bob', 'mallory'])
      expect(w.tap.labelsOf(id(name)), name).toEqual([
        'CreatedAccount',
        'AssignedAccount',
        'PreparedAccount',
        'ReleasedAccount',
        'SuccessfulOnBoarding',
      ]);
  });

  it('refuses an Organizations event that a member account puts on the bus, and counts it', async () => {
    const forged = recorded('cloudtrail-tag-resource', id('alice'), { '"vanilla"': '"expired"' });
    await putAs(id('mallory'), forged);
    expect(w.tap.labelsOf(id('alice'))).toHaveLength(5);
    expect(await w.record(id('alice'))).toMatchObject({ state: 'released' });
    expect(refusedLogs(id('mallory'))).toEqual([
      `refused an event: organizations event sent by account ${id('mallory')}: Organizations events come from the management account only (its forwarding rule)`,
    ]);
    expect(w.telemetry.counts.get('RefusedEvents.organizations')).toBe(1);
  });

  it('refuses a build state change that another account sends about an account’s build', async () => {
    w.rt.builds.setOutcome(id('bob'), 'SpaPurge', 'silent');
    await tagAccount(w.ws.aws, id('bob'), { 'account-state': 'expired' });
    await w.rt.runUntilIdle();
    const build = (await w.record(id('bob')))!.transaction!.build!.id!;
    const forged = recorded('codebuild-build-state-change', id('bob'));
    const detail = forged.detail as Record<string, unknown>;
    detail['build-status'] = 'SUCCEEDED';
    detail['project-name'] = 'SpaPurge';
    detail['build-id'] = `arn:aws:codebuild:us-east-1:${id('bob')}:build/${build}`;
    await putAs(id('mallory'), forged);
    expect(await w.record(id('bob'))).toMatchObject({ state: 'expired' });
    expect(refusedLogs(id('mallory')).at(-1)).toContain(
      'a build state change comes from the account the build',
    );
    // The same event from bob's own account counts: the purge is over.
    await putAs(id('bob'), forged);
    await w.rt.runUntilIdle();
    expect(await w.record(id('bob'))).toMatchObject({ state: 'released' });
  });

  it('refuses a root sign-in that another account sends about an account', async () => {
    await putAs(id('mallory'), recorded('signin-console-login-root', id('alice')));
    expect(w.tap.labelsOf(id('alice'))).not.toContain('ConsoleLoginWithRootException');
    expect(w.telemetry.counts.get('RefusedEvents.signin')).toBe(1);
    await putAs(id('alice'), recorded('signin-console-login-root', id('alice')));
    expect(w.tap.labelsOf(id('alice'))).toContain('ConsoleLoginWithRootException');
  });

  it('stores no activity that a member account puts on the bus in SPA’s name', async () => {
    const forged = {
      source: 'SustainablePersonalAccounts',
      'detail-type': 'SuccessfulOnBoarding',
      detail: {
        Environment: w.desired.environment,
        Account: id('alice'),
        Transaction: 'on-boarding',
        Identifier: `on-boarding:${randomUUID()}`,
        Begin: new Date().toISOString(),
        End: new Date().toISOString(),
        DurationSeconds: 1,
        CostCenter: 'CHOSEN-BY-MALLORY',
      },
    };
    await putAs(id('mallory'), forged);
    const month = new Date().toISOString().slice(0, 7);
    const stored = await (await w.rt.deps()).activities.month(month);
    expect(stored.filter((a) => a.costCenter === 'CHOSEN-BY-MALLORY')).toEqual([]);
    expect(w.telemetry.counts.get('RefusedEvents.spa')).toBe(1);
  });

  it('acts on the state tag AWS shows now, not on what a TagResource event says', async () => {
    // A delayed or replayed event of the management account: alice's tag says released, not expired.
    const stale = recorded('cloudtrail-tag-resource', id('alice'), { '"vanilla"': '"expired"' });
    await putAs(w.ws.managementAccountId, stale);
    expect(w.tap.labelsOf(id('alice'))).not.toContain('ExpiredAccount');
    expect(await w.record(id('alice'))).toMatchObject({ state: 'released' });
    const handled = w.logs
      .map((l) => JSON.parse(l) as { message: string; result?: { outcome?: string; reason?: string } })
      .filter((l) => l.result?.outcome === 'no-longer-true');
    expect(handled.at(-1)!.result!.reason).toBe(
      'the event sets account-state = expired, AWS shows released now',
    );
  });
});

describe('accounts the runtime did not see born', () => {
  it('adopts a released account at first sight, then purges it when a person sets expired', async () => {
    // Any event is a first sight: here, a tag that has nothing to do with the lifecycle.
    await tagAccount(w.ws.aws, id('carol'), { team: 'a' });
    await w.rt.runUntilIdle();
    await w.tap.read();
    expect(w.tap.labelsOf(id('carol'))).toEqual(['AdoptedAccount']);
    const adopted = w.tap.events.find((e) => e['detail-type'] === 'AdoptedAccount')!;
    expect(adopted.detail).toMatchObject({ State: 'released', By: 'runtime', Environment: 'SpaTest' });
    expect(await w.record(id('carol'))).toMatchObject({ state: 'released', version: 1 });
    await tagAccount(w.ws.aws, id('carol'), { 'account-state': 'expired' });
    await w.rt.runUntilIdle();
    await w.tap.read();
    expect(w.tap.labelsOf(id('carol'))).toEqual([
      'AdoptedAccount',
      'ExpiredAccount',
      'PurgedAccount',
      'AssignedAccount',
      'PreparedAccount',
      'ReleasedAccount',
      'SuccessfulMaintenance',
    ]);
  });

  it('adopts a released account at its first sign-in, before it stores the sign-in', async () => {
    await putAs(id('erin'), recorded('signin-console-login-assumed-role', id('erin')));
    expect(w.tap.labelsOf(id('erin'))).toEqual(['AdoptedAccount']);
    const adopted = w.tap.events.find(
      (e) => e['detail-type'] === 'AdoptedAccount' && e.detail.Account === id('erin'),
    )!;
    expect(adopted.detail).toMatchObject({ State: 'released', By: 'runtime' });
    expect(await w.record(id('erin'))).toMatchObject({ state: 'released', version: 1 });
    const month = new Date().toISOString().slice(0, 7);
    const stored = await (await w.rt.deps()).activities.month(month);
    expect(stored.filter((a) => a.accountId === id('erin')).map((a) => a.kind)).toEqual(['ConsoleLogin']);
  });

  it('lists with spa accounts adopt what it would adopt, then adopts it, and spa accounts check reports it first', async () => {
    const check = await w.ws.spa(['accounts', 'check']);
    expect(check.stdout).toContain(
      `${id('dan')} dan: no-record: no record in the runtime (account-state is vanilla)`,
    );
    const dry = await w.ws.spa(['accounts', 'adopt', '--ou', 'Sandbox']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      `would adopt ${id('dan')} dan: vanilla\nadopt: 1 of 6 managed account(s) would be adopted below Sandbox\n`,
    );
    expect(await w.record(id('dan'))).toBeUndefined();
    const done = await w.ws.spa(['accounts', 'adopt', '--yes']);
    expect(done.stdout).toContain(`adopted ${id('dan')} dan: vanilla\n`);
    expect(await w.record(id('dan'))).toMatchObject({ state: 'vanilla', version: 1 });
    await w.tap.read();
    const adopted = w.tap.events.filter((e) => e['detail-type'] === 'AdoptedAccount').at(-1)!;
    expect(adopted.detail).toMatchObject({ Account: id('dan'), State: 'vanilla', By: 'spa accounts adopt' });
    expect((await w.ws.spa(['accounts', 'check'])).stdout).not.toContain('no-record');
  });

  it('refuses released set by hand on a vanilla account never on-boarded, as an invalid transition', async () => {
    await tagAccount(w.ws.aws, id('dan'), { 'account-state': 'released' });
    await w.rt.runUntilIdle();
    await w.tap.read();
    const labels = w.tap.labelsOf(id('dan'));
    expect(labels.slice(0, 2)).toEqual(['AdoptedAccount', 'GenericException']);
    const refused = w.tap.events.find(
      (e) => e['detail-type'] === 'GenericException' && e.detail.Account === id('dan'),
    )!;
    expect(refused.detail).toMatchObject({ State: 'vanilla', Title: 'Refused change of account state' });
    expect(String(refused.detail.Message)).toContain('set to "released" while the account is vanilla');
    // The tag is put back to vanilla, which hands the account to the lifecycle: it is on-boarded properly.
    expect(labels.slice(2)).toEqual([
      'CreatedAccount',
      'AssignedAccount',
      'PreparedAccount',
      'ReleasedAccount',
      'SuccessfulOnBoarding',
    ]);
  });
});
