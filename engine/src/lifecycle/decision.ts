import type { AccountState, Effect, Transaction } from './states.js';

export interface DecisionContext {
  /** ISO 8601. */
  now: string;
  /** The event being handled: names the transaction it begins. */
  eventId: string;
  timeoutSeconds: number;
  preparation: boolean;
  purge: boolean;
}

export type Outcome =
  /** The state changes: the record is written, then the effects run. */
  | 'transition'
  /** The state stays, the transaction changes (a failed build, a deadline): the record is written. */
  | 'update'
  /** Nothing to do: a duplicate, our own tag write coming back, a build of another transaction. */
  | 'ignore'
  /** A request the table does not allow: the tag is put back and a GenericException reports it. */
  | 'refuse'
  /** The tag says vanilla while the on-boarding runs: the tag is put back, nothing else. */
  | 'restore'
  /** Nothing changes, but people are told (an account the window found in another state than released). */
  | 'report';

export interface Decision {
  outcome: Outcome;
  reason: string;
  /** The states the account goes through, in order; the last is its new state. Empty: it stays. */
  path: AccountState[];
  /** The transaction after the decision; 'keep' leaves it as it is. */
  transaction: Transaction | undefined | 'keep';
  effects: Effect[];
}

/** Whether the table writes the record for this outcome. */
export const WRITES_RECORD: Record<Outcome, boolean> = {
  transition: true,
  update: true,
  ignore: false,
  refuse: false,
  restore: false,
  report: false,
};

/** The states a person (or `spa accounts`) may ask for through the tag, and the states they may come from. */
export const MANUAL_TRANSITIONS: Record<AccountState, readonly AccountState[]> = {
  vanilla: ['vanilla', 'assigned', 'released', 'expired'],
  expired: ['released'],
  released: ['assigned', 'expired'],
  assigned: [],
};
