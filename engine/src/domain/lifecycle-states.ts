import type { BuildProject } from './runtime-names.js';

/** The values of the <prefix>state tag (DESIGN.md section 6): `released` is the only steady state. */
export const STATES = ['vanilla', 'assigned', 'released', 'expired'] as const;
export type AccountState = (typeof STATES)[number];

export function isState(value: string): value is AccountState {
  return (STATES as readonly string[]).includes(value);
}

/**
 * An account without a record yet: what its state tag says (accounts of an earlier SPA keep their state), except
 * vanilla or no tag, which mean the lifecycle has not begun.
 */
export function adoptedRecord(accountId: string, tag: string | undefined): AccountRecord {
  const state = tag !== undefined && isState(tag) ? tag : 'vanilla';
  return { accountId, state, version: 0 };
}

export type TransactionKind = 'on-boarding' | 'maintenance';

/** Build statuses of CodeBuild; the terminal ones end a build. */
export type BuildStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'STOPPED' | 'TIMED_OUT';

export interface BuildRef {
  project: BuildProject;
  /** The build id (`SpaPurge:<uuid>`), once StartBuild answered. */
  id?: string;
  status?: BuildStatus;
}

/** An on-boarding or a maintenance under way: it must end with `released` before its deadline. */
export interface Transaction {
  kind: TransactionKind;
  id: string;
  /** ISO 8601. */
  begin: string;
  deadline: string;
  build?: BuildRef;
  /** Set when the deadline passed and the exception was emitted (once). */
  failedAt?: string;
}

/**
 * The record of an account in the records table. Every transition writes it with `version = expected`, so
 * that two deliveries or two handlers never transition an account twice.
 */
export interface AccountRecord {
  accountId: string;
  state: AccountState;
  /** 0 for an account without a record yet. */
  version: number;
  transaction?: Transaction;
  /** The event of the last transition, to recognise its redelivery. */
  lastEventId?: string;
  /** What the last transition did, re-run on a redelivery of its event. */
  lastEffects?: Effect[];
  lastConsoleLogin?: { at: string; identity: string };
  /** ISO 8601 time of the last write; never for an account without a record. */
  updatedAt?: string;
}

export type AccountLabel =
  | 'CreatedAccount'
  | 'AssignedAccount'
  | 'PreparedAccount'
  | 'ReleasedAccount'
  | 'ExpiredAccount'
  | 'PurgedAccount';

export type ExceptionLabel =
  | 'FailedCodebuildException'
  | 'FailedOnBoardingException'
  | 'FailedMaintenanceException'
  | 'GenericException';

/** What a decision asks the runtime to do once the record is written, in order. */
export type Effect =
  /** Tags of the effective settings (declared tags, holder, unset tags). */
  | { kind: 'tag-settings' }
  /** <prefix>state = the record's state (after the decision): a transition, or a refused edit put back. */
  | { kind: 'tag-state' }
  | { kind: 'emit'; label: AccountLabel }
  | { kind: 'exception'; label: ExceptionLabel; title: string; message: string }
  | { kind: 'start-build'; project: BuildProject }
  /** A transaction ended with `released`: the SuccessfulOnBoarding or SuccessfulMaintenance activity. */
  | { kind: 'activity'; transaction: Transaction };
