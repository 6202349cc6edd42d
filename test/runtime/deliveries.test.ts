import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLifecycleEvent } from '../../engine/src/entrypoints/lambda/on-lifecycle-event.js';
import type { AccountRecord } from '../../engine/src/lifecycle/states.js';
import { barrier } from '../helpers/barrier.js';
import { fixture } from '../helpers/fixtures.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';
import { sqsEvent } from '../helpers/sqs-events.js';
import { tagAccount } from '../support/seed.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SETTINGS = {
  defaults: { organizationalUnit: 'Sandbox', preparation: { enabled: true } },
  ous: { Sandbox: { managed: true } },
};
const SEED = {
  ous: ['Sandbox'],
  accounts: ['ann', 'ben', 'cat', 'dan'].map((n) => ({ name: n, email: `${n}@example.com`, ou: 'Sandbox' })),
};

/** The account of a call to the records table (its key), if the call has one. */
function keyOf(input: Record<string, unknown>): string | undefined {
  return (input.Key as { accountId?: { S?: string } } | undefined)?.accountId?.S;
}

/** A recorded event of an account of this world, happening now. */
function recorded(
  w: RuntimeWorld,
  name: Parameters<typeof fixture>[0],
  account: string,
  extra: Record<string, string> = {},
) {
  // Each event EventBridge delivers has its own id.
  return {
    ...fixture(name, {
      '444444444444': w.ws.seeded.accountIds.get(`${account}@example.com`)!,
      '111111111111': w.ws.managementAccountId,
      'ou-exampleouid111': w.ws.seeded.ouIds.get('Sandbox')!,
      '2026-11-28T10:07:15Z': new Date().toISOString(),
      '2026-11-28T10:08:02Z': new Date().toISOString(),
      '2026-11-28T10:09:40Z': new Date(Date.now() + 1000).toISOString(),
      ...extra,
    }),
    id: randomUUID(),
  };
}

describe('deliveries as SQS and EventBridge make them', () => {
  let w: RuntimeWorld;
  const handle = async (...bodies: unknown[]) =>
    handleLifecycleEvent(sqsEvent(...bodies), {
      ...(await w.rt.deps()),
      idempotent: w.rt.container.idempotent('lifecycle'),
    });
  const idOf = (name: string) => w.ws.seeded.accountIds.get(`${name}@example.com`)!;
  beforeAll(async () => {
    w = await runtimeWorld(emulator, SEED, SETTINGS);
  });

  it('transitions once when the same event is delivered twice (idempotency on the event id)', async () => {
    const event = recorded(w, 'cloudtrail-create-account-result', 'ann');
    expect((await handle(event)).batchItemFailures).toEqual([]);
    expect((await handle(event)).batchItemFailures).toEqual([]);
    await w.tap.read();
    expect(w.tap.labelsOf(idOf('ann'))).toEqual(['CreatedAccount', 'AssignedAccount']);
    expect(await w.record(idOf('ann'))).toMatchObject({ state: 'assigned', version: 2 });
  });

  it('on-boards once whichever of MoveAccount and CreateAccountResult comes first', async () => {
    await handle(recorded(w, 'cloudtrail-move-account', 'ben'));
    await handle(recorded(w, 'cloudtrail-create-account-result', 'ben'));
    await w.tap.read();
    expect(w.tap.labelsOf(idOf('ben'))).toEqual(['CreatedAccount', 'AssignedAccount']);
  });

  it('transitions once when two handlers race on one account; the loser is redelivered', async () => {
    // Both handlers have read the missing record before either writes it.
    const race = barrier(emulator.gateway, 'GetItem', 2, (input) => keyOf(input) === idOf('cat'), 'answer');
    try {
      const [one, two] = await Promise.all([
        handle(recorded(w, 'cloudtrail-create-account-result', 'cat')),
        handle(recorded(w, 'cloudtrail-move-account', 'cat')),
      ]);
      await race.reached;
      expect(one.batchItemFailures.length + two.batchItemFailures.length).toBe(1);
    } finally {
      race.remove();
    }
    await w.tap.read();
    expect(w.tap.labelsOf(idOf('cat'))).toEqual(['CreatedAccount', 'AssignedAccount']);
  });

  it('lets one of two writers holding version 3 of a record win; the other is told of the conflict', async () => {
    const { records } = await w.rt.deps();
    const id = '900000000003';
    const at = (version: number, state: AccountRecord['state']): AccountRecord => ({
      accountId: id,
      state,
      version,
      updatedAt: new Date().toISOString(),
    });
    expect(await records.write(at(1, 'assigned'), 0)).toBe(true);
    expect(await records.write(at(2, 'released'), 1)).toBe(true);
    expect(await records.write(at(3, 'expired'), 2)).toBe(true);
    // Each writer reads the record, then writes the next version expecting the one it read; both have read
    // before either writes. (The runtime writes one at a time: moto checks a condition and writes without a lock.)
    const read: number[] = [];
    const writer = async (state: AccountRecord['state']) => {
      const { version } = (await records.get(id))!;
      read.push(version);
      return records.write(at(version + 1, state), version);
    };
    const race = barrier(emulator.gateway, 'GetItem', 2, (input) => keyOf(input) === id, 'answer');
    let outcomes: boolean[];
    try {
      outcomes = await Promise.all([writer('assigned'), writer('released')]);
    } finally {
      race.remove();
    }
    expect(read).toEqual([3, 3]);
    expect([...outcomes].sort()).toEqual([false, true]);
    const winner = outcomes[0] ? 'assigned' : 'released';
    expect(await records.get(id)).toMatchObject({ version: 4, state: winner });
  });

  it('recognises its own tag writes coming back, and finishes the on-boardings', async () => {
    await w.rt.runUntilIdle();
    await w.tap.read();
    for (const name of ['ann', 'ben', 'cat'])
      expect(w.tap.labelsOf(idOf(name)), name).toEqual([
        'CreatedAccount',
        'AssignedAccount',
        'PreparedAccount',
        'ReleasedAccount',
        'SuccessfulOnBoarding',
      ]);
  });

  it('refuses an illegal manual change of the state tag, puts the tag back and reports it', async () => {
    // A person sets assigned on a released account in the console: recorded by CloudTrail, then forwarded.
    await tagAccount(w.ws.aws, idOf('ann'), { 'account-state': 'assigned' });
    await w.rt.runUntilIdle();
    await w.tap.read();
    expect(w.tap.labelsOf(idOf('ann')).slice(5)).toEqual(['GenericException']);
    const refused = w.tap.events.find((e) => e['detail-type'] === 'GenericException')!;
    expect(refused.detail).toMatchObject({ State: 'released', Title: 'Refused change of account state' });
    expect(String(refused.detail.Message)).toContain('"assigned"');
    expect(await w.tags(idOf('ann'))).toMatchObject({ 'account-state': 'released' });
  });

  it('maintains an account now when a person sets expired by hand', async () => {
    await tagAccount(w.ws.aws, idOf('ben'), { 'account-state': 'expired' });
    await w.rt.runUntilIdle();
    await w.tap.read();
    expect(w.tap.labelsOf(idOf('ben')).slice(5)).toEqual([
      'ExpiredAccount',
      'AssignedAccount',
      'PreparedAccount',
      'ReleasedAccount',
      'SuccessfulMaintenance',
    ]);
  });

  it('keeps a message of an unknown shape: it goes to the dead-letter queue with its body, and is logged', async () => {
    const r = await handle({ source: 'aws.organizations', detail: { surprise: true } }, 'not json');
    expect(r.batchItemFailures).toHaveLength(2);
    expect(
      w.logs.filter((l) => l.includes('a message of an unknown shape, kept for the dead-letter queue')),
    ).toHaveLength(2);
    // Through the queue: delivered MAX_RECEIVE_COUNT times, then moved by the queue's redrive policy.
    const { sqs } = w.runtime.clients;
    const url = async (name: string) =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
    const odd = [
      JSON.stringify({ source: 'aws.organizations', detail: { surprise: randomUUID() } }),
      `not json ${randomUUID()}`,
    ];
    for (const body of odd)
      await sqs.send(new SendMessageCommand({ QueueUrl: await url('SpaTest-lifecycle'), MessageBody: body }));
    await w.rt.runUntilIdle();
    const dlq = await url('SpaTest-lifecycle-dlq');
    const kept = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10 }));
    expect((kept.Messages ?? []).map((m) => m.Body).sort()).toEqual([...odd].sort());
    for (const m of kept.Messages ?? [])
      await sqs.send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: m.ReceiptHandle! }));
  });

  it('sends a message whose handling keeps failing to the dead-letter queue (unreadable settings)', async () => {
    const { clients } = w.runtime;
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: w.desired.settings.runtime.bucket!,
        Key: 'settings/effective.json',
        Body: '{',
      }),
    );
    const url = async (name: string) =>
      (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: await url('SpaTest-lifecycle'),
        MessageBody: JSON.stringify(recorded(w, 'cloudtrail-create-account-result', 'dan')),
      }),
    );
    await w.rt.runUntilIdle();
    const dlq = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: await url('SpaTest-lifecycle-dlq'), MaxNumberOfMessages: 10 }),
    );
    expect(dlq.Messages?.map((m) => JSON.parse(m.Body!) as { detail: { eventName: string } })).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ eventName: 'CreateAccountResult' }) as unknown,
      }),
    ]);
    expect(w.logs.some((l) => l.includes('cannot be used: it is not JSON'))).toBe(true);
    await w.publish();
    expect(await w.record(idOf('dan'))).toBeUndefined();
  });
});
