import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { RuntimeClients } from '../../adapters/aws/runtime-access.js';
import { EVENT_SOURCE } from '../../domain/runtime-names.js';

export interface TappedEvent {
  'detail-type': string;
  detail: Record<string, unknown> & { Account?: string };
  time: string;
}

/**
 * A queue subscribed to every SPA event of the default bus (a rule on source SustainablePersonalAccounts): what
 * the demo shows and the tests read back.
 */
export class EventTap {
  readonly events: TappedEvent[] = [];

  private constructor(
    private readonly clients: RuntimeClients,
    private readonly url: string,
  ) {}

  static async create(clients: RuntimeClients, name: string): Promise<EventTap> {
    const url = (await clients.sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
    const arn = (
      await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    await clients.eventBridge.send(
      new PutRuleCommand({
        Name: name,
        EventPattern: JSON.stringify({ source: [EVENT_SOURCE] }),
        State: 'ENABLED',
      }),
    );
    await clients.eventBridge.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'tap', Arn: arn }] }));
    return new EventTap(clients, url);
  }

  /** Reads until the queue is empty; returns what came, also kept in `events`, in arrival order. */
  async read(): Promise<TappedEvent[]> {
    const got: TappedEvent[] = [];
    for (;;) {
      const out = await this.clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) break;
      for (const m of messages) got.push(JSON.parse(m.Body ?? '{}') as TappedEvent);
      await this.clients.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.url,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    this.events.push(...got);
    return got;
  }

  /** The labels received for one account, in order. */
  labelsOf(accountId: string): string[] {
    return this.events.filter((e) => e.detail.Account === accountId).map((e) => e['detail-type']);
  }
}
