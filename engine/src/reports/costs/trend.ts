import { EngineError } from '../../domain/errors.js';
import type { CostMetric } from '../../domain/cost-group.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import { divideRounded, type Cents } from '../money.js';
import { addMonths, firstDay, formatMonth, type Month } from '../month.js';
import type { ReportAccount } from './accounts.js';
import { CostMatrix } from './cost-matrix.js';
import type { CostTree } from './cost-tree.js';
import { previousFromCosts } from './previous-month.js';

/** Months read before the report's month: 12, so that the same month of last year is there (year over year). */
export const MONTHS_BEFORE = 12;

/** The months before the report's month, per account: one query, MONTHLY, every page. Keyed by YYYY-MM. */
export async function readPastMonths(
  ce: CostExplorer,
  month: Month,
  includeCredits: boolean,
  metric: CostMetric,
): Promise<Map<string, CostMatrix>> {
  const out = new Map<string, CostMatrix>();
  const query = {
    start: firstDay(addMonths(month, -MONTHS_BEFORE)),
    end: firstDay(month),
    groupBy: ['LINKED_ACCOUNT'] as const,
    withoutCredits: !includeCredits,
    metric,
  };
  await ce.groups(query, (group) => {
    const key = group.period?.slice(0, 7);
    if (!key)
      throw new EngineError('aws-bad-answer', 'Cost Explorer answered a monthly query without the period of a group', {
        source: 'system',
      });
    let matrix = out.get(key);
    if (!matrix) out.set(key, (matrix = new CostMatrix()));
    matrix.add(group);
  });
  return out;
}

/** A change from one amount to another: in cents, and in hundredths of a percent (none from zero). */
export interface Change {
  cents: Cents;
  basisPoints: bigint | undefined;
}

export function changeOf(now: Cents, before: Cents): Change {
  const cents = now - before;
  const base = before < 0n ? -before : before;
  return { cents, basisPoints: base === 0n ? undefined : divideRounded(cents * 10000n, base) };
}

export interface TrendRow {
  name: string;
  /** One amount per month of the trend, oldest first. */
  cents: Cents[];
  monthOverMonth: Change;
  yearOverYear: Change;
}

/** Each cost center and the organization over the report's month and the 12 before it. */
export interface Trend {
  /** Oldest first; the last one is the report's month. */
  months: Month[];
  total: TrendRow;
  costCenters: TrendRow[];
}

function row(name: string, cents: Cents[]): TrendRow {
  const last = cents.length - 1;
  return {
    name,
    cents,
    monthOverMonth: changeOf(cents[last]!, cents[last - 1]!),
    yearOverYear: changeOf(cents[last]!, cents[0]!),
  };
}

/**
 * The trend of the report's month: past months split per cost center the way last month is (accounts grouped by
 * the cost centers they have today, each month's cents split by largest remainder), the report's month as the
 * summary has it. A cost center without costs in any of the 13 months is left out.
 */
export function buildTrend(
  month: Month,
  past: ReadonlyMap<string, CostMatrix>,
  current: CostTree,
  resolve: (id: string) => ReportAccount,
): Trend {
  const months = Array.from({ length: MONTHS_BEFORE + 1 }, (_, i) => addMonths(month, i - MONTHS_BEFORE));
  const columns = months.slice(0, -1).map((m) => previousFromCosts(past.get(formatMonth(m)) ?? new CostMatrix(), resolve));
  columns.push({
    costCenters: new Map(current.costCenters.map((c) => [c.name, c.cents[0]!])),
    total: current.cents[0]!,
  });
  const names = new Set(columns.flatMap((c) => [...c.costCenters.keys()]));
  const costCenters = [...names]
    .map((name) => row(name, columns.map((c) => c.costCenters.get(name) ?? 0n)))
    .filter((r) => r.cents.some((c) => c !== 0n))
    .sort((a, b) => {
      const x = a.cents[MONTHS_BEFORE]!;
      const y = b.cents[MONTHS_BEFORE]!;
      return x === y ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : x > y ? -1 : 1;
    });
  return { months, total: row('Total', columns.map((c) => c.total)), costCenters };
}
