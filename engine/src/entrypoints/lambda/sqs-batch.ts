import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Checked } from '../../events/validate.js';
import type { Telemetry } from '../../ports/telemetry.js';
import type { IdempotentRunner } from './idempotency.js';

export interface BatchDeps {
  telemetry: Telemetry;
  idempotent: IdempotentRunner;
}

/** How a handler reads one message: its shape, its idempotency key, its account (for logs), and the work. */
export interface MessageHandler<T> {
  parse(value: unknown): Checked<T>;
  key(message: T): string;
  account(message: T): string | undefined;
  handle(message: T): Promise<unknown>;
}

/**
 * One SQS batch, one message after the other, answered with partial batch failures: a message whose work fails
 * goes back to the queue (and to the dead-letter queue after the queue's receive count); a message of an unknown
 * shape is logged and acknowledged, since no retry would ever help it. No retry loop here: the queue redrives.
 */
export async function processBatch<T>(
  event: SQSEvent,
  deps: BatchDeps,
  handler: MessageHandler<T>,
  context?: Context,
): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    let value: unknown;
    try {
      value = JSON.parse(record.body);
    } catch {
      deps.telemetry.log('error', 'acknowledged a message that is not JSON', { messageId: record.messageId });
      continue;
    }
    const parsed = handler.parse(value);
    if (!parsed.ok) {
      deps.telemetry.log('error', `acknowledged a message of an unknown shape: ${parsed.problem}`, {
        messageId: record.messageId,
      });
      continue;
    }
    const account = handler.account(parsed.value);
    try {
      const result = await deps.idempotent(
        handler.key(parsed.value),
        () => handler.handle(parsed.value),
        context,
      );
      deps.telemetry.log('info', 'handled', { account, messageId: record.messageId, result });
    } catch (error) {
      const e = error as Error & { code?: string };
      deps.telemetry.log('error', `failed, the queue will deliver it again: ${e.message}`, {
        account,
        messageId: record.messageId,
        code: e.code,
        receiveCount: record.attributes?.ApproximateReceiveCount,
      });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
