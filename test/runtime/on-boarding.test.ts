import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld } from '../helpers/runtime.js';

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
    preparation: { enabled: true, variables: { WITH_PASSWORD_POLICY: 'enabled' } },
    purge: { enabled: true },
  },
  settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' },
  ous: { Sandbox: { managed: true, tags: { environment: 'sandbox' } } },
  accounts: { alice: { costCenter: 'CC-1' } },
};

describe('on-boarding, on the local runtime', () => {
  it('takes an account created by spa apply from vanilla to released, with the events in order, though a receive loses its answer', async () => {
    const w = await runtimeWorld(emulator, { ous: ['Sandbox'] }, SETTINGS);
    await w.ws.plan();
    const applied = await w.ws.apply(['--allow-large']);
    expect(applied.outcome.outcome).toBe('applied');
    // The local runtime receives again when the answer of a receive is lost, as the event source mapping does:
    // the first receive runs in the emulator but its answer never arrives (the connection drops).
    emulator.gateway.setFaults({ loseAnswerOnce: ['ReceiveMessage'] });
    try {
      await w.rt.runUntilIdle();
    } finally {
      emulator.gateway.setFaults(undefined);
    }
    expect(emulator.gateway.faultsInjected.size).toBeGreaterThan(0);
    await w.tap.read();
    const alice =
      w.ws.seeded.accountIds.get('alice@example.com') ?? (await accountIdOf(w, 'alice@example.com'));
    expect(w.tap.labelsOf(alice)).toEqual([
      'CreatedAccount',
      'AssignedAccount',
      'PreparedAccount',
      'ReleasedAccount',
      'SuccessfulOnBoarding',
    ]);
    expect(await w.tags(alice)).toMatchObject({
      'account-state': 'released',
      'account-holder': 'alice@example.com',
      'managed-by': 'spa',
      environment: 'sandbox',
      'cost-center': 'CC-1',
    });
    const record = await w.record(alice);
    expect(record).toMatchObject({ state: 'released' });
    expect(record?.transaction).toBeUndefined();
  });
});

async function accountIdOf(w: Awaited<ReturnType<typeof runtimeWorld>>, email: string): Promise<string> {
  const aws = (await import('../support/seed.js')).readBack;
  const found = (await aws(w.ws.aws)).accounts.find((a) => a.email === email);
  if (!found) throw new Error(`no account ${email}`);
  return found.id;
}
