import { randomUUID } from 'node:crypto';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbActivityStore } from '../../engine/src/adapters/aws/activities-table.js';
import { AwsCaller } from '../../engine/src/adapters/aws/retry.js';
import { fixture } from '../helpers/fixtures.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('console logins', () => {
  let w: RuntimeWorld;
  let account: string;
  beforeAll(async () => {
    w = await runtimeWorld(
      emulator,
      { ous: ['Sandbox'], accounts: [{ name: 'eve', email: 'eve@example.com', ou: 'Sandbox' }] },
      { ous: { Sandbox: { managed: true } } },
    );
    account = w.ws.seeded.accountIds.get('eve@example.com')!;
    // The sign-in events of the member account, put by that account on the central bus (its forwarding rule).
    const events = (
      [
        'signin-console-login-root',
        'signin-console-login-iam-user',
        'signin-console-login-assumed-role',
      ] as const
    ).map((name) =>
      fixture(name, { '444444444444': account, '2026-11-28T10:30:00Z': new Date().toISOString() }),
    );
    await (
      await w.rt.relay.bus(account)
    ).send(
      new PutEventsCommand({
        Entries: events.map((e) => ({
          Source: e.source as string,
          DetailType: e['detail-type'] as string,
          Detail: JSON.stringify({ ...(e.detail as object), eventID: randomUUID() }),
        })),
      }),
    );
    await w.rt.runUntilIdle();
    await w.tap.read();
  });

  it('raises an exception for root and for an IAM user, with who signed in', () => {
    expect(w.tap.labelsOf(account)).toEqual([
      'ConsoleLoginWithRootException',
      'ConsoleLoginWithIamUserException',
    ]);
    const iam = w.tap.events.find((e) => e['detail-type'] === 'ConsoleLoginWithIamUserException')!;
    expect(iam.detail).toMatchObject({
      Identity: 'arn:aws:iam::' + account + ':user/JohnDoe',
      Environment: 'SpaTest',
    });
  });

  it('keeps the last login with an assumed role, by its session name, and the activity for the reports', async () => {
    expect((await w.record(account))?.lastConsoleLogin).toMatchObject({ identity: 'alice@example.com' });
    const store = new DynamoDbActivityStore(
      w.runtime.clients.dynamodb,
      new AwsCaller(),
      'SpaTest-activities',
    );
    const month = new Date().toISOString().slice(0, 7);
    expect(await store.month(month)).toEqual([
      expect.objectContaining({ kind: 'ConsoleLogin', accountId: account, identity: 'alice@example.com' }),
    ]);
  });
});
