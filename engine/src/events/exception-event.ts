import type { ExceptionEvent, ExceptionEventDetail } from '../domain/generated/event-types.js';
import type { AccountState, Transaction } from '../lifecycle/states.js';
import { outgoing, type OutgoingEvent } from './outgoing.js';

/**
 * The exceptions (schemas/events/exception-event.schema.json): complete on their own, since a later step turns
 * each into a GitHub issue: the account, a title, a message, when, the state, the last build, the transaction.
 */
export type ExceptionLabel = ExceptionEvent['detail-type'];
export type { ExceptionEventDetail };

export function exceptionEvent(
  label: ExceptionLabel,
  input: {
    environment: string;
    accountId: string;
    title: string;
    message: string;
    time: string;
    state?: AccountState;
    transaction?: Transaction | undefined;
    identity?: string;
  },
): OutgoingEvent<ExceptionLabel, ExceptionEventDetail> {
  const detail: ExceptionEventDetail = {
    Environment: input.environment,
    Account: input.accountId,
    Title: input.title,
    Message: input.message,
    Time: input.time,
  };
  if (input.state !== undefined) detail.State = input.state;
  const tx = input.transaction;
  if (tx) {
    detail.Transaction = { Kind: tx.kind, Id: tx.id, Begin: tx.begin, Deadline: tx.deadline };
    if (tx.build) {
      detail.Build = { Project: tx.build.project };
      if (tx.build.id !== undefined) detail.Build.Id = tx.build.id;
      if (tx.build.status !== undefined) detail.Build.Status = tx.build.status;
    }
  }
  if (input.identity !== undefined) detail.Identity = input.identity;
  return outgoing('exception-event', label, detail);
}
