import type { AdoptedAccountEventDetail } from '../domain/generated/event-types.js';
import type { AccountState } from '../lifecycle/states.js';
import { outgoing, type OutgoingEvent } from './outgoing.js';

/** AdoptedAccount (schemas/events/adopted-account-event.schema.json): a record written for an account met without one. */
export type { AdoptedAccountEventDetail };

export function adoptedEvent(input: {
  environment: string;
  accountId: string;
  state: AccountState;
  time: string;
  by: AdoptedAccountEventDetail['By'];
}): OutgoingEvent<'AdoptedAccount', AdoptedAccountEventDetail> {
  return outgoing('adopted-account-event', 'AdoptedAccount', {
    Environment: input.environment,
    Account: input.accountId,
    State: input.state,
    Time: input.time,
    By: input.by,
  });
}
