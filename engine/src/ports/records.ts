import type { AccountRecord } from '../domain/lifecycle-states.js';

/**
 * The records table of the runtime: one record per account (state, version, transaction). Every transition is
 * a compare and set on `version`, so that duplicate or concurrent events never transition an account twice.
 */
export interface AccountRecords {
  get(accountId: string): Promise<AccountRecord | undefined>;
  /**
   * Writes `record` (its version must be `expectedVersion + 1`) if the stored version is still
   * `expectedVersion` (0: no record yet). False when another writer went first.
   */
  write(record: AccountRecord, expectedVersion: number): Promise<boolean>;
  /** Records with an open transaction past its deadline and not yet reported (the sparse index). */
  pastDeadline(now: string, limit: number): Promise<AccountRecord[]>;
  /** Every record (for the operators' commands). */
  list(): Promise<AccountRecord[]>;
  /** The last console login, outside the transitions (no version change); an earlier one is ignored. */
  setConsoleLogin(accountId: string, login: { at: string; identity: string }): Promise<void>;
}
