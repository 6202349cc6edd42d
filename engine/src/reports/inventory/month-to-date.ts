import type { CostExplorer } from '../../ports/cost-explorer.js';
import { costCentersOf } from '../costs/cost-centers.js';
import { CostMatrix } from '../costs/cost-matrix.js';
import { toCents, type Cents } from '../money.js';

export interface MonthToDate {
  /** [start, end) as YYYY-MM-DD; start = end on the first day of a month (nothing to read). */
  start: string;
  end: string;
  currency: string;
  byAccount: Map<string, Cents>;
  /** The cost center Cost Explorer charged each billed account's costs to this month (the cost allocation tag). */
  costCenters: Map<string, string>;
}

/**
 * Costs of the month so far per account and value of the cost allocation tag: one grouped question to Cost
 * Explorer (every page counted), from the 1st to today excluded (today's costs are not known yet). On the 1st there
 * is nothing to ask.
 */
export async function readMonthToDate(
  costs: CostExplorer,
  now: Date,
  includeCredits: boolean,
  costCenterTag: string,
): Promise<MonthToDate> {
  const end = now.toISOString().slice(0, 10);
  const start = `${end.slice(0, 7)}-01`;
  const matrix = new CostMatrix();
  if (start < end)
    await costs.groups(
      { start, end, groupBy: ['LINKED_ACCOUNT', { tag: costCenterTag }], withoutCredits: !includeCredits },
      (g) => matrix.add(g),
    );
  const byAccount = new Map<string, Cents>();
  for (const [account, lines] of matrix.byAccount) {
    let sum = 0n;
    for (const v of lines.values()) sum += v;
    byAccount.set(account, toCents(sum));
  }
  return { start, end, currency: matrix.unit ?? 'USD', byAccount, costCenters: costCentersOf(matrix) };
}
