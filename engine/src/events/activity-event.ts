import type { ActivityEvent, ActivityEventDetail } from '../domain/generated/event-types.js';
import type { Transaction } from '../lifecycle/states.js';
import { outgoing, type OutgoingEvent } from './outgoing.js';

/** SuccessfulOnBoarding and SuccessfulMaintenance (schemas/events/activity-event.schema.json). */
export type ActivityLabel = ActivityEvent['detail-type'];
export type { ActivityEventDetail };

export const ACTIVITY_LABEL: Record<Transaction['kind'], ActivityLabel> = {
  'on-boarding': 'SuccessfulOnBoarding',
  maintenance: 'SuccessfulMaintenance',
};

/** The activity of a transaction that ended with the account released at `end`. */
export function activityEvent(input: {
  environment: string;
  accountId: string;
  transaction: Transaction;
  end: string;
  costCenter?: string | undefined;
}): OutgoingEvent<ActivityLabel, ActivityEventDetail> {
  const tx = input.transaction;
  const detail: ActivityEventDetail = {
    Environment: input.environment,
    Account: input.accountId,
    Transaction: tx.kind,
    Identifier: tx.id,
    Begin: tx.begin,
    End: input.end,
    DurationSeconds: Math.max(0, Math.round((Date.parse(input.end) - Date.parse(tx.begin)) / 1000)),
  };
  if (input.costCenter !== undefined) detail.CostCenter = input.costCenter;
  return outgoing('activity-event', ACTIVITY_LABEL[tx.kind], detail);
}
