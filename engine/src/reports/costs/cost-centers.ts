import type { Exact } from '../money.js';
import { NO_COST_CENTER, type ReportAccount } from './accounts.js';
import type { CostMatrix } from './cost-matrix.js';

/**
 * The cost center of each account Cost Explorer billed, from the cost allocation tag as it was when each cost was
 * incurred: the value that carried most of the account's charges (an account retagged during the month goes to
 * one cost center, whole). Costs without the tag, or with an empty value, count for no cost center.
 */
export function costCentersOf(matrix: CostMatrix): Map<string, string> {
  const out = new Map<string, string>();
  for (const [account, values] of matrix.byAccount) {
    let best: { name: string; amount: Exact } | undefined;
    for (const [value, amount] of values) {
      const name = value.trim();
      if (!name) continue;
      if (!best || amount > best.amount || (amount === best.amount && name < best.name)) best = { name, amount };
    }
    out.set(account, best ? best.name : NO_COST_CENTER);
  }
  return out;
}

/** A managed account whose settings give another cost center than the one Cost Explorer charged its costs to. */
export interface CostCenterDifference {
  account: ReportAccount;
  /** The cost center of the settings (account file, tags CSV, OU defaults). */
  settings: string;
}

/**
 * The accounts of the report whose cost center in the settings differs from Cost Explorer's, by account id.
 * `desired` holds the cost center the settings give each managed account; accounts without one are not compared.
 */
export function costCenterDifferences(
  accounts: Iterable<ReportAccount>,
  desired: ReadonlyMap<string, string>,
): CostCenterDifference[] {
  const out: CostCenterDifference[] = [];
  for (const account of accounts) {
    const settings = desired.get(account.id)?.trim();
    if (settings && settings !== account.costCenter) out.push({ account, settings });
  }
  return out.sort((a, b) => (a.account.id < b.account.id ? -1 : a.account.id > b.account.id ? 1 : 0));
}
