import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { acceptSender, type SenderVerdict } from '../../events/senders.js';
import { readIncoming, type Incoming } from '../../exceptions/incoming.js';
import type { ExceptionPorts } from '../../app/runtime/exceptions/deps.js';
import { onIncoming } from '../../app/runtime/exceptions/on-exception.js';
import { senderSettings } from '../../app/runtime/sender-settings.js';
import { ExceptionContainer } from './exception-ports.js';
import type { IdempotentRunner } from './idempotency.js';
import { processContainer } from './process-container.js';
import { processBatch, type MessageHandler } from './sqs-batch.js';

/** Every message is read: what cannot be parsed is a GenericException, kept whole, never dropped. */
export function exceptionMessages(deps: ExceptionPorts): MessageHandler<Incoming> {
  return {
    parse: () => ({ ok: false, problem: 'read raw' }),
    raw: readIncoming,
    key: (m) => m.key,
    account: (m) =>
      m.kind === 'exception' ? m.exception.accountId : m.kind === 'released' ? m.accountId : undefined,
    trust: (m) => trustIncoming(deps, m),
    handle: (m) => onIncoming(deps, m),
  };
}

/**
 * SPA's events count from the automation account only; a budget alert only for a budget of the management
 * account, named `<environment>-<account id>`, that exists there now. A message that came to the queue
 * otherwise than from the bus (the monthly message, a body that is not an event) has no sender to check.
 */
async function trustIncoming(deps: ExceptionPorts, m: Incoming): Promise<SenderVerdict> {
  if (m.kind === 'new-month' || (m.kind === 'generic' && !('sender' in m))) return { ok: true };
  const senders = await senderSettings(deps.published, deps.eventBusArn);
  if (m.kind !== 'budget') return acceptSender('spa', { account: m.sender }, senders);
  const verdict = acceptSender('budget', { account: m.sender }, senders);
  if (!verdict.ok || m.budgetName === undefined) return verdict;
  if (await deps.budgets.readBudget(m.budgetName)) return verdict;
  return {
    ok: false,
    kind: 'budget',
    sender: m.sender,
    reason: `budget ${m.budgetName} does not exist in the management account ${senders.managementAccountId}`,
  };
}

/**
 * The `<env>-exceptions` queue: exception events, budget notifications (SNS), released accounts and the new
 * month. One invocation at a time (reserved concurrency 1): one writer to the repository, as GitHub asks.
 */
export async function handleExceptions(
  event: SQSEvent,
  deps: ExceptionPorts & { idempotent: IdempotentRunner },
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
