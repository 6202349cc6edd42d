import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** One queue and the handler Lambda's event source mapping would invoke with its messages. */
export interface Consumer {
  name: string;
  url: string;
  arn: string;
  /** Invocations at once (the event source mapping's maximum concurrency). */
  concurrency: number;
  /** Messages per invocation. */
  batchSize: number;
  handle(event: SQSEvent): Promise<SQSBatchResponse>;
}

export interface Invocation {
  queue: string;
  messages: number;
  failures: number;
  /** The whole batch failed (the handler threw). */
  threw: boolean;
  /** Wall time of the handler. */
  durationMs: number;
}

/**
 * Plays Lambda's SQS event source mapping: receives batches, invokes the handler in this process, deletes what it
 * handled and leaves its partial batch failures to the queue (they come back after the visibility timeout, and
 * go to the dead-letter queue after the queue's receive count).
 */
export class Poller {
  readonly invocations: Invocation[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly region: string,
    private readonly onInvocation: (i: Invocation) => void = () => undefined,
    private readonly onError: (queue: string, error: unknown) => void = () => undefined,
  ) {}

  /**
   * Receives and handles until the queue gives nothing; returns the number of messages received. Like the event
   * source mapping, it scales its receives with the backlog: one receive on a queue with nothing to give, twice
   * as many each time every receive brings a batch, up to the consumer's concurrency.
   */
  async drain(consumer: Consumer): Promise<number> {
    let received = 0;
    let receivers = 1;
    for (;;) {
      const batches = await Promise.all(Array.from({ length: receivers }, () => this.receive(consumer)));
      const nonEmpty = batches.filter((b) => b.length > 0);
      if (nonEmpty.length === 0) return received;
      received += nonEmpty.reduce((n, b) => n + b.length, 0);
      await Promise.all(nonEmpty.map((b) => this.invoke(consumer, b)));
      if (nonEmpty.length === receivers) receivers = Math.min(consumer.concurrency, receivers * 2);
    }
  }

  /** Messages still in the queue, visible or in flight (a failed one waits for its visibility timeout). */
  async pending(consumer: Consumer): Promise<number> {
    const out = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: consumer.url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }

  /**
   * One receive, as Lambda's event source mapping does it: a server error or a dropped connection (an emulator
   * under load answers 500 now and then) is tried again, up to 3 times, instead of ending the round; nothing is
   * lost, since a message whose answer was lost comes back after its visibility timeout.
   */
  private async receive(consumer: Consumer): Promise<Message[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: consumer.url,
            MaxNumberOfMessages: consumer.batchSize,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          }),
        );
        return out.Messages ?? [];
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const refused = status !== undefined && status >= 400 && status < 500;
        if (refused || attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  private async invoke(consumer: Consumer, messages: Message[]): Promise<void> {
    const event: SQSEvent = {
      Records: messages.map((m) => ({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body ?? '',
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: m.Attributes?.SentTimestamp ?? '0',
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: consumer.arn,
        awsRegion: this.region,
      })),
    };
    let failed = new Set<string>();
    let threw = false;
    const start = performance.now();
    try {
      const response = await consumer.handle(event);
      failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    } catch (error) {
      // A handler that throws fails its whole batch, as in Lambda.
      this.onError(consumer.name, error);
      threw = true;
      failed = new Set(messages.map((m) => m.MessageId!));
    }
    const durationMs = performance.now() - start;
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    for (let i = 0; i < done.length; i += 10)
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: consumer.url,
          Entries: done.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    const invocation = {
      queue: consumer.name,
      messages: messages.length,
      failures: failed.size,
      threw,
      durationMs,
    };
    this.invocations.push(invocation);
    this.onInvocation(invocation);
  }
}
