import type { AccountEvent, AccountEventDetail } from '../domain/generated/event-types.js';
import type { Transaction } from '../lifecycle/states.js';
import { outgoing, type OutgoingEvent } from './outgoing.js';

/**
 * CreatedAccount, AssignedAccount, PreparedAccount, ReleasedAccount, ExpiredAccount, PurgedAccount: one per
 * transition (schemas/events/account-event.schema.json); PurgeReport and PreparationReport from the buildspecs.
 */
export type AccountEventLabel = AccountEvent['detail-type'];
export type { AccountEventDetail };

export function accountEvent(
  label: AccountEventLabel,
  input: {
    environment: string;
    accountId: string;
    state?: AccountEventDetail['State'];
    transaction?: Transaction | undefined;
    message?: string;
  },
): OutgoingEvent<AccountEventLabel, AccountEventDetail> {
  const detail: AccountEventDetail = { Environment: input.environment, Account: input.accountId };
  if (input.message !== undefined) detail.Message = input.message;
  if (input.state !== undefined) detail.State = input.state;
  const tx = input.transaction;
  if (tx) detail.Transaction = { Kind: tx.kind, Id: tx.id, Begin: tx.begin, Deadline: tx.deadline };
  return outgoing('account-event', label, detail);
}
