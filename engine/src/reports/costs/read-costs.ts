import { EngineError } from '../../domain/errors.js';
import type { CostMetric } from '../../domain/cost-group.js';
import type { CostExplorer, CostQuery } from '../../ports/cost-explorer.js';
import { parseAmount, type Exact } from '../money.js';
import { monthWindow, type Month } from '../month.js';
import { CostMatrix } from './cost-matrix.js';

/** What Cost Explorer says of a month: the three groupings, the cost center tag and its own totals. */
export interface MonthCosts {
  currency: string;
  services: CostMatrix;
  usageTypes: CostMatrix;
  recordTypes: CostMatrix;
  /** Every charge per account and value of the cost center tag when it was incurred ('' without the tag). */
  costCenters: CostMatrix;
  /** The total of the services and usage types (without credits and refunds, unless settings include them). */
  total: Exact;
  /** The total of every record type: the charges. */
  chargesTotal: Exact;
  accountNames: Map<string, string>;
}

/** What the report has once the services are read: enough to write each cost center's services. */
export type MonthHead = Pick<MonthCosts, 'services' | 'costCenters' | 'total' | 'chargesTotal' | 'accountNames'> & {
  currency: string | undefined;
};

/**
 * The queries of a cost report, one after the other in a fixed order (the emulator answers them from a queue,
 * and Cost Explorer bills each request: nothing is asked twice). The totals, cost centers and services come
 * first: `onHead` gets them while the usage types and record types are still being read.
 */
export async function readMonthCosts(
  ce: CostExplorer,
  month: Month,
  includeCredits: boolean,
  costCenterTag: string,
  metric: CostMetric,
  onHead?: (head: MonthHead) => void,
): Promise<MonthCosts> {
  const window = monthWindow(month);
  const query = (groupBy: CostQuery['groupBy'], withoutCredits: boolean): CostQuery => ({
    ...window,
    groupBy,
    withoutCredits,
    metric,
  });
  const names = new Map<string, string>();
  const grouped = async (q: CostQuery) => {
    const matrix = new CostMatrix();
    const out = await ce.groups(q, (g) => matrix.add(g));
    for (const [id, name] of out.accountNames) names.set(id, name);
    return matrix;
  };
  const total = await ce.total(query([], !includeCredits));
  const charges = includeCredits ? total : await ce.total(query([], false));
  const costCenters = await grouped(query(['LINKED_ACCOUNT', { tag: costCenterTag }], false));
  const services = await grouped(query(['LINKED_ACCOUNT', 'SERVICE'], !includeCredits));
  onHead?.({
    services,
    costCenters,
    accountNames: names,
    total: parseAmount(total.amount),
    chargesTotal: parseAmount(charges.amount),
    currency: services.unit ?? total.unit,
  });
  const usageTypes = await grouped(query(['LINKED_ACCOUNT', 'USAGE_TYPE'], !includeCredits));
  const recordTypes = await grouped(query(['LINKED_ACCOUNT', 'RECORD_TYPE'], false));
  const currency = services.unit ?? recordTypes.unit ?? total.unit;
  const units = [services.unit, usageTypes.unit, recordTypes.unit, costCenters.unit, total.unit, charges.unit];
  for (const unit of units)
    if (unit !== undefined && unit !== currency)
      throw new EngineError('mixed-currencies', `Cost Explorer answered in ${unit} and in ${currency}`, {
        source: 'system',
      });
  return {
    currency,
    services,
    usageTypes,
    recordTypes,
    costCenters,
    total: parseAmount(total.amount),
    chargesTotal: parseAmount(charges.amount),
    accountNames: names,
  };
}

/** Costs per account of a month (LINKED_ACCOUNT alone): last month's, when no report of it is at hand. */
export async function readAccountCosts(ce: CostExplorer, month: Month, includeCredits: boolean): Promise<CostMatrix> {
  const matrix = new CostMatrix();
  await ce.groups({ ...monthWindow(month), groupBy: ['LINKED_ACCOUNT'], withoutCredits: !includeCredits }, (g) =>
    matrix.add(g),
  );
  return matrix;
}
