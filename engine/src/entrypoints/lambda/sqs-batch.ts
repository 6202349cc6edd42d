import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { SenderVerdict } from '../../events/senders.js';
import type { Checked } from '../../events/validate.js';
import type { Ports } from '../../ports/ports.js';
import type { IdempotentRunner } from './idempotency.js';

/** What a batch runs with: the telemetry of the handler, and its idempotency. */
export type BatchPorts = Pick<Ports, 'telemetry'> & { idempotent: IdempotentRunner };

/** How a handler reads one message: its shape, its idempotency key, its account (for logs), and the work. */
export interface MessageHandler<T> {
  parse(value: unknown): Checked<T>;
  /** Reads the body itself, JSON or not (the exceptions queue keeps every message, whatever it holds). */
  raw?(body: string, messageId: string): T;
  key(message: T): string;
  account(message: T): string | undefined;
  /** Whether the sender of the message may send it (events/senders.ts); a message of no sender is not asked. */
  trust?(message: T): Promise<SenderVerdict>;
  handle(message: T): Promise<unknown>;
}

/**
 * One SQS batch, one message after the other, answered with partial batch failures: a message whose work fails
 * goes back to the queue (and to the dead-letter queue after the queue's receive count). So does a message of an
 * unknown shape: no retry helps it, but it is kept whole in the dead-letter queue, whose alarm calls a person,
 * rather than deleted. A message its sender may not send is logged, counted and acknowledged: it is an answer,
 * not a failure. No retry loop here: the queue redrives.
 */
export async function processBatch<T>(
  event: SQSEvent,
  deps: BatchPorts,
  handler: MessageHandler<T>,
  context?: Context,
): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const parsed = read(record.body, record.messageId, handler);
    if (parsed === 'not-json' || !parsed.ok) {
      const problem = parsed === 'not-json' ? 'it is not JSON' : parsed.problem;
      deps.telemetry.log(
        'error',
        `a message of an unknown shape, kept for the dead-letter queue: ${problem}`,
        {
          messageId: record.messageId,
          receiveCount: record.attributes?.ApproximateReceiveCount,
        },
      );
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const account = handler.account(parsed.value);
    try {
      const verdict = handler.trust ? await handler.trust(parsed.value) : { ok: true as const };
      if (!verdict.ok) {
        // A forged or misrouted event: no retry would make it count, so it is acknowledged, loudly.
        deps.telemetry.log('warn', `refused an event: ${verdict.reason}`, {
          account,
          sender: verdict.sender,
          kind: verdict.kind,
          messageId: record.messageId,
        });
        deps.telemetry.count('RefusedEvents', { name: 'Kind', value: verdict.kind });
        continue;
      }
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

function read<T>(body: string, messageId: string, handler: MessageHandler<T>): Checked<T> | 'not-json' {
  if (handler.raw) return { ok: true, value: handler.raw(body, messageId) };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'not-json';
  }
  return handler.parse(value);
}
