import { EngineError } from '../../domain/errors.js';
import type { ObservedAccount } from '../../observed/types.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import type { ReportFile, ReportStore } from '../../ports/report-store.js';
import type { TableWriter } from '../../ports/table-writer.js';
import { apportion } from '../apportion.js';
import type { ExchangeRates } from '../exchange-rates.js';
import { multiplyExact, toCents, type Cents, type Exact } from '../money.js';
import { addMonths, formatMonth, reportStatus, type Month, type ReportStatus } from '../month.js';
import type { ReportAccount } from './accounts.js';
import { costCenterDifferences } from './cost-centers.js';
import { costReportFiles, type CostFilesInput } from './cost-files.js';
import { buildTree, settle, type CostTree, type CostTrees } from './cost-tree.js';
import { costFiles, monthFolder } from './paths.js';
import { previousFromCosts, previousFromSummaryCsv, type PreviousMonth } from './previous-month.js';
import type { MonthCosts } from './read-costs.js';
import { readCosts } from './month-costs.js';
import { buildTrend, readPastMonths } from './trend.js';
import { findMovers, readServiceCosts, thresholdCents } from './movers.js';
import { servicesAcross } from './services.js';
import { budgetsAgainstActuals } from './budgets.js';
import { readForecast } from './forecast.js';
import type { BudgetLimit } from '../../ports/budgets.js';
import type { CostMatrix } from './cost-matrix.js';
import type { CostMetric } from '../../domain/cost-group.js';
import type { ActivityStore } from '../../ports/activities.js';
import { DEFAULT_RESIDUAL_THRESHOLD, purgeResiduals, residualEnd } from './residuals.js';

export interface CostReportOptions {
  month: Month;
  now: Date;
  costCenterTag: string;
  includeCredits: boolean;
  /** Extra currencies of the charges (reporting.currencies). */
  currencies: readonly string[];
  /** reporting.moversThreshold, in the currency of Cost Explorer. */
  moversThreshold: number;
  /** reporting.costMetric: the metric of every query and amount. */
  costMetric: CostMetric;
  /** reporting.residualCostThreshold, in the currency of Cost Explorer (DEFAULT_RESIDUAL_THRESHOLD when absent). */
  residualCostThreshold?: number;
}

export interface CostReportDeps {
  costs: CostExplorer;
  /**
   * Every account of the organization with its OU path (closed ones included); cost centers come from Cost Explorer.
   * May still be on its way: it is awaited once the month's costs are read.
   */
  accounts: readonly ObservedAccount[] | Promise<readonly ObservedAccount[]>;
  /** The cost center the settings give each managed account that has one, by account id (awaited with the accounts). */
  desiredCostCenters?: ReadonlyMap<string, string> | Promise<ReadonlyMap<string, string>>;
  /** Where last month's report is looked for. */
  store: Pick<ReportStore, 'read'>;
  writer: TableWriter;
  /** The monthly budgets of the accounts (paged DescribeBudgets); no budgets section without it. */
  budgets?: () => Promise<BudgetLimit[]>;
  /** The activities table of the runtime: the purges of the month; no section of purges without it. */
  activities?: Pick<ActivityStore, 'month'>;
  /** The exchange rates, read once, when there are extra currencies. */
  rates?: (base: string) => Promise<ExchangeRates>;
}

export interface CostReport {
  folder: string;
  files: ReportFile[];
  status: ReportStatus;
  currency: string;
  total: Cents;
  chargesTotal: Cents;
  costCenters: number;
  accounts: number;
  previousSource: 'report' | 'cost-explorer' | undefined;
  /** Managed accounts whose settings give another cost center than Cost Explorer charged. */
  differences: number;
}


/**
 * The monthly cost report (spa report costs): Cost Explorer's month grouped by cost center, OU and account, as
 * CSV, XLSX and a README, every amount reconciled to the cent with Cost Explorer's own totals.
 */
export async function makeCostReport(options: CostReportOptions, deps: CostReportDeps): Promise<CostReport> {
  const { includeCredits, costMetric } = options;
  const { costs, first, ids, monthServices, usageTypes } = await readCosts(options, deps);
  const { resolve, services: servicesTree, details, slugs } = first;
  const differences = costCenterDifferences([...ids].map(resolve), (await deps.desiredCostCenters) ?? new Map());
  const rates = options.currencies.length > 0 && deps.rates ? await deps.rates(costs.currency) : undefined;
  const trees = costTrees(costs, servicesTree, usageTypes, resolve, rates);
  const past = await readPastMonths(deps.costs, options.month, includeCredits, costMetric);
  const previous = await previousMonth(options, deps, resolve, past);
  const before = addMonths(options.month, -1);
  const services = servicesAcross(
    monthServices,
    costs.total,
    await readServiceCosts(deps.costs, before, includeCredits, costMetric),
  );
  const movers = findMovers({
    tree: trees.services,
    lastMonth: past.get(formatMonth(before)),
    services,
    resolve,
    threshold: thresholdCents(options.moversThreshold),
  });
  const folder = monthFolder('costs', options.month);
  const { status, finalFrom } = reportStatus(options.month, options.now);
  const files = await costReportFiles({
    ...options,
    folder,
    status,
    finalFrom,
    currency: costs.currency,
    trees,
    forecast: await readForecast(deps.costs, options.month, options.now, trees.services, costMetric),
    trend: buildTrend(options.month, past, trees.services, resolve),
    movers,
    services,
    ...(await accountSections(options, deps, trees.services, resolve, costs.currency)),
    previous: previous && { ...previous.value, source: previous.source, month: addMonths(options.month, -1) },
    rates,
    requests: deps.costs.requests,
    writer: deps.writer,
    totals: { total: toCents(costs.total), charges: toCents(costs.chargesTotal) },
    differences,
    serviceDetails: details,
    slugs,
  });
  return {
    folder,
    files,
    status,
    currency: costs.currency,
    total: trees.services.cents[0]!,
    chargesTotal: trees.charges.cents.reduce((s, c) => s + c, 0n),
    costCenters: trees.services.costCenters.length,
    accounts: ids.size,
    previousSource: previous?.source,
    differences: differences.length,
  };
}

/** Budgets against actuals and purges that left costs, each when its source is given (budgets, activities). */
async function accountSections(
  options: CostReportOptions,
  deps: CostReportDeps,
  tree: CostTree,
  resolve: (id: string) => ReportAccount,
  currency: string,
): Promise<Pick<CostFilesInput, 'budgets' | 'residuals'>> {
  const budgets = deps.budgets && budgetsAgainstActuals(await deps.budgets(), tree, resolve, currency);
  const threshold = thresholdCents(options.residualCostThreshold ?? DEFAULT_RESIDUAL_THRESHOLD);
  const residuals =
    deps.activities &&
    (await purgeResiduals({ ...options, ce: deps.costs, activities: deps.activities, metric: options.costMetric, threshold, resolve }).catch(
      (error: unknown) => {
        // Settings may name the runtime's account before the runtime is deployed: the report goes on without purges.
        if (!(error instanceof EngineError) || error.code !== 'activities-table-missing') throw error;
        const unavailable = `${error.message} (${error.hint ?? ''})`;
        return { threshold, end: residualEnd(options.month, options.now), lines: [], unavailable };
      },
    ));
  return { budgets, residuals };
}

/** Credits and refunds last, apart; the other record types by name, Usage first. */
export function recordTypeOrder(keys: readonly string[]): string[] {
  const rank = (k: string) => (k === 'Usage' ? 0 : k === 'Credit' ? 2 : k === 'Refund' ? 3 : 1);
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function costTrees(
  costs: Pick<MonthCosts, 'currency' | 'recordTypes' | 'chargesTotal'>,
  services: CostTree,
  usageTypes: CostTree,
  resolve: (id: string) => ReportAccount,
  rates: ExchangeRates | undefined,
): CostTrees {
  const columns = recordTypeOrder(costs.recordTypes.keys());
  const charges = columnTree(costs.recordTypes, resolve, columns, costs.chargesTotal, undefined);
  const converted = [...(rates?.rates ?? [])]
    .filter(([currency]) => currency !== costs.currency)
    .map(([currency, rate]) => ({
      currency,
      tree: columnTree(costs.recordTypes, resolve, columns, multiplyExact(costs.chargesTotal, rate), rate),
    }));
  return { services, usageTypes, charges, converted };
}

function columnTree(
  matrix: CostMatrix,
  resolve: (id: string) => ReportAccount,
  columns: string[],
  total: Exact,
  rate: Exact | undefined,
): CostTree {
  const tree = buildTree(matrix, resolve, columns, rate);
  settle(tree, apportion(toCents(total), tree.exact));
  return tree;
}

async function previousMonth(
  options: CostReportOptions,
  deps: CostReportDeps,
  resolve: (id: string) => ReportAccount,
  past: ReadonlyMap<string, CostMatrix>,
): Promise<{ value: PreviousMonth; source: 'report' | 'cost-explorer' } | undefined> {
  const before = addMonths(options.month, -1);
  const path = `${monthFolder('costs', before)}/${costFiles(before).summary('csv')}`;
  const bytes = await deps.store.read(path);
  const fromReport = bytes && previousFromSummaryCsv(new TextDecoder().decode(bytes));
  if (fromReport) return { value: fromReport, source: 'report' };
  const matrix = past.get(formatMonth(before));
  if (!matrix || matrix.byAccount.size === 0) return undefined;
  return { value: previousFromCosts(matrix, resolve), source: 'cost-explorer' };
}
