import type { BudgetLimit } from '../../ports/budgets.js';
import { divideRounded, parseAmount, toCents, type Cents } from '../money.js';
import type { ReportAccount } from './accounts.js';
import type { CostTree } from './cost-tree.js';

/** One account with a budget: its limit, what it cost in the month, and whether that went over. */
export interface BudgetLine {
  account: ReportAccount;
  budget: Cents;
  actual: Cents;
  /** The actual in hundredths of a percent of the budget; none for a budget of zero. */
  usedBasisPoints: bigint | undefined;
  over: boolean;
}

export interface BudgetsAgainstActuals {
  /** Over budget first, then by the share used, largest first. */
  lines: BudgetLine[];
  /** Budgets in another currency than Cost Explorer's: not compared, counted. */
  otherCurrency: number;
}

/**
 * Every account with a monthly budget against its cost of the month as the summary has it (the month is closed:
 * its actual is also where it ended).
 */
export function budgetsAgainstActuals(
  limits: readonly BudgetLimit[],
  tree: CostTree,
  resolve: (id: string) => ReportAccount,
  currency: string,
): BudgetsAgainstActuals {
  const actuals = new Map<string, Cents>();
  for (const center of tree.costCenters)
    for (const ou of center.ous) for (const a of ou.accounts) actuals.set(a.account.id, a.cents[0]!);
  const lines: BudgetLine[] = [];
  let otherCurrency = 0;
  for (const limit of limits) {
    if (limit.unit !== currency) {
      otherCurrency++;
      continue;
    }
    const budget = toCents(parseAmount(limit.amount));
    const actual = actuals.get(limit.accountId) ?? 0n;
    lines.push({
      account: resolve(limit.accountId),
      budget,
      actual,
      usedBasisPoints: budget > 0n ? divideRounded(actual * 10000n, budget) : undefined,
      over: actual > budget,
    });
  }
  const used = (l: BudgetLine) => l.usedBasisPoints ?? -1n;
  lines.sort((a, b) =>
    a.over !== b.over
      ? a.over
        ? -1
        : 1
      : used(a) !== used(b)
        ? used(a) > used(b)
          ? -1
          : 1
        : a.account.id < b.account.id
          ? -1
          : 1,
  );
  return { lines, otherCurrency };
}
