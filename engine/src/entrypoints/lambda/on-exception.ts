import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { readIncoming, type Incoming } from '../../exceptions/incoming.js';
import type { ExceptionDeps } from '../../runtime/exceptions/deps.js';
import { onIncoming } from '../../runtime/exceptions/on-exception.js';
import { ExceptionContainer } from './exception-ports.js';
import type { IdempotentRunner } from './idempotency.js';
import { processContainer } from './process-container.js';
import { processBatch, type MessageHandler } from './sqs-batch.js';

/** Every message is read: what cannot be parsed is a GenericException, kept whole, never dropped. */
export function exceptionMessages(deps: ExceptionDeps): MessageHandler<Incoming> {
  return {
    parse: () => ({ ok: false, problem: 'read raw' }),
    raw: readIncoming,
    key: (m) => m.key,
    account: (m) =>
      m.kind === 'exception' ? m.exception.accountId : m.kind === 'released' ? m.accountId : undefined,
    handle: (m) => onIncoming(deps, m),
  };
}

/**
 * The `<env>-exceptions` queue: exception events, budget notifications (SNS), released accounts and the new
 * month. One invocation at a time (reserved concurrency 1): one writer to the repository, as GitHub asks.
 */
export async function handleExceptions(
  event: SQSEvent,
  deps: ExceptionDeps & { idempotent: IdempotentRunner },
  context?: Context,
): Promise<SQSBatchResponse> {
  return processBatch(event, deps, exceptionMessages(deps), context);
}

let exceptions: ExceptionContainer | undefined;

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const { container } = processContainer();
  exceptions ??= new ExceptionContainer(container);
  const deps = await exceptions.deps();
  return handleExceptions(event, { ...deps, idempotent: container.idempotent('exceptions') }, context);
};
