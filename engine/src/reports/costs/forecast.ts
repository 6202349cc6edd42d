import type { CostMetric } from '../../domain/cost-group.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import { parseAmount, toCents, type Cents } from '../money.js';
import { monthWindow, type Month } from '../month.js';
import type { CostTree } from './cost-tree.js';

/** One cost center: its cost so far, Cost Explorer's forecast of the rest of the month, and their sum. */
export interface ForecastRow {
  costCenter: string;
  toDate: Cents;
  /** Undefined when Cost Explorer gives no forecast (too little history, say). */
  rest: Cents | undefined;
}

/** The month-end forecast of a month not over yet: from `from` (today, UTC) to `end`, the 1st of the next month. */
export interface Forecast {
  from: string;
  end: string;
  rows: ForecastRow[];
}

/**
 * GetCostForecast per cost center, filtered on the accounts it charged this month (one request each), while the
 * report's month is not over; undefined once it is (Cost Explorer forecasts no past day).
 */
export async function readForecast(
  ce: CostExplorer,
  month: Month,
  now: Date,
  tree: CostTree,
  metric: CostMetric,
): Promise<Forecast | undefined> {
  const { end } = monthWindow(month);
  const from = now.toISOString().slice(0, 10);
  if (from >= end) return undefined;
  const rows: ForecastRow[] = [];
  for (const center of tree.costCenters) {
    const accounts = center.ous.flatMap((o) => o.accounts.map((a) => a.account.id));
    const amount = await ce.forecast({ start: from, end, accounts, metric });
    rows.push({
      costCenter: center.name,
      toDate: center.cents[0]!,
      rest: amount === undefined ? undefined : toCents(parseAmount(amount)),
    });
  }
  return { from, end, rows };
}
