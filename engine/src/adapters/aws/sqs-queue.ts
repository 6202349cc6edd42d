import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { EngineError } from '../../domain/errors.js';
import type { MessageQueue } from '../../ports/queue.js';
import type { AwsCaller } from './retry.js';

/** SendMessageBatch, 10 messages a call. */
export class SqsMessageQueue implements MessageQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly caller: AwsCaller,
    private readonly queueUrl: string,
  ) {}

  async send(bodies: readonly string[]): Promise<void> {
    for (let i = 0; i < bodies.length; i += 10) {
      const batch = bodies.slice(i, i + 10);
      const out = await this.caller.write('SendMessageBatch', () =>
        this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: batch.map((body, j) => ({ Id: String(j), MessageBody: body })),
          }),
        ),
      );
      if ((out.Failed ?? []).length > 0)
        throw new EngineError(
          'aws-call-failed',
          `SendMessageBatch refused ${out.Failed!.length} message(s)`,
          {
            source: 'system',
          },
        );
    }
  }
}
