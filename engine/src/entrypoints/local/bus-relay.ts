import { PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { RuntimeRule } from '../../domain/runtime-rules.js';
import { WHOLE_EVENT } from './provision.js';

/** The clients of one account of the emulator. */
export interface AccountClients {
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
}

interface Sender {
  clients: AccountClients;
  url: string;
}

/**
 * Plays what the emulator lacks between accounts: in AWS, a PutEvents to the central bus from another account (or
 * a forwarding rule) arrives with the envelope's `account` set to the sender. moto keeps a PutEvents in the
 * caller's own account, whatever bus ARN it names, and rewrites `account` when a rule forwards to another
 * account's bus. So each account the runtime hears from gets a rule on its default bus into a queue of its own,
 * and every tick this relay hands each event, envelope untouched, to the queues whose rules of the central bus
 * match it.
 */
export class BusRelay {
  private readonly senders = new Map<string, Promise<Sender>>();

  constructor(
    private readonly clientsIn: (accountId: string) => AccountClients,
    private readonly central: {
      account: string;
      eventBridge: EventBridgeClient;
      sqs: SQSClient;
      queues: Record<RuntimeRule['queue'], string>;
    },
    private readonly rules: readonly RuntimeRule[],
    private readonly name: string,
  ) {}

  /** The bus of `accountId` whose events reach the central bus as that account's (the central bus itself for its own account). */
  async bus(accountId: string): Promise<EventBridgeClient> {
    if (accountId === this.central.account) return this.central.eventBridge;
    let sender = this.senders.get(accountId);
    if (!sender) {
      sender = this.connect(accountId);
      this.senders.set(accountId, sender);
    }
    return (await sender).clients.eventBridge;
  }

  /** Carries what the senders put since the last tick; returns the number of deliveries. */
  async tick(): Promise<number> {
    let delivered = 0;
    for (const pending of this.senders.values()) {
      const { clients, url } = await pending;
      for (;;) {
        const messages = await receive(clients.sqs, url);
        if (messages.length === 0) break;
        for (const m of messages) {
          const event = JSON.parse(m.Body ?? '{}') as unknown;
          for (const rule of this.rules.filter((r) => matches(r.pattern, event))) {
            await this.central.sqs.send(
              new SendMessageCommand({ QueueUrl: this.central.queues[rule.queue], MessageBody: m.Body! }),
            );
            delivered++;
          }
        }
        await clients.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    }
    return delivered;
  }

  /** Events put by the senders and not carried yet, visible or in flight. */
  async pending(): Promise<number> {
    let n = 0;
    for (const pending of this.senders.values()) {
      const { clients, url } = await pending;
      const out = await clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      n +=
        Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    }
    return n;
  }

  private async connect(accountId: string): Promise<Sender> {
    const clients = this.clientsIn(accountId);
    // A receive whose answer is lost leaves its messages invisible this long: the next rounds take them again.
    const url = (
      await clients.sqs.send(
        new CreateQueueCommand({ QueueName: this.name, Attributes: { VisibilityTimeout: '1' } }),
      )
    ).QueueUrl!;
    const arn = (
      await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    const sources = [...new Set(this.rules.flatMap((r) => (r.pattern.source as string[] | undefined) ?? []))];
    await clients.eventBridge.send(
      new PutRuleCommand({
        Name: this.name,
        EventPattern: JSON.stringify({ source: sources }),
        State: 'ENABLED',
      }),
    );
    await clients.eventBridge.send(
      new PutTargetsCommand({
        Rule: this.name,
        Targets: [{ Id: 'central-bus', Arn: arn, InputTransformer: WHOLE_EVENT }],
      }),
    );
    return { clients, url };
  }
}

/** One receive, tried again on a server error or a dropped connection, as the poller does. */
async function receive(sqs: SQSClient, url: string): Promise<Message[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      return out.Messages ?? [];
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if ((status !== undefined && status >= 400 && status < 500) || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** EventBridge's matching for the patterns of runtimeRules: a list matches one of its values, an object each key. */
export function matches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.includes(value);
  if (pattern === null || typeof pattern !== 'object') return false;
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return Object.entries(pattern).every(([k, p]) => matches(p, v[k]));
}
