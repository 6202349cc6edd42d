import { EngineError } from '../../domain/errors.js';
import type { ObservedAccount } from '../../observed/types.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import type { ReportFile, ReportStore } from '../../ports/report-store.js';
import type { TableWriter } from '../../ports/table-writer.js';
import { apportion } from '../apportion.js';
import type { ExchangeRates } from '../exchange-rates.js';
import { CENT, formatCents, multiplyExact, toCents, type Cents, type Exact } from '../money.js';
import { addMonths, formatMonth, reportStatus, type Month, type ReportStatus } from '../month.js';
import { accountDirectory, accountOf, type ReportAccount } from './accounts.js';
import { costCenterDifferences, costCentersOf } from './cost-centers.js';
import { costReportFiles, detailFiles, type CostFilesInput, type DetailFiles } from './cost-files.js';
import { buildTree, settle, type CostTree, type CostTrees } from './cost-tree.js';
import { costFiles, monthFolder } from './paths.js';
import { fileSlugs } from '../file-names.js';
import { previousFromCosts, previousFromSummaryCsv, type PreviousMonth } from './previous-month.js';
import { readMonthCosts, type MonthCosts, type MonthHead } from './read-costs.js';
import { buildTrend, readPastMonths } from './trend.js';
import { findMovers, readServiceCosts, servicesOf, thresholdCents } from './movers.js';
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

/**
 * The month's costs, reconciled with Cost Explorer's totals. Each cost center's services are written while Cost
 * Explorer's usage types are read: the largest half of the report's files is made while it would otherwise wait.
 */
async function readCosts(options: CostReportOptions, deps: CostReportDeps) {
  let first: Promise<ServicesFirst> | undefined;
  const { includeCredits, costCenterTag, costMetric } = options;
  const costs = await readMonthCosts(deps.costs, options.month, includeCredits, costCenterTag, costMetric, (head) => {
    first = servicesFirst(head, options, deps);
    first.catch(() => undefined); // awaited below, unless reading the rest fails first
  });
  const started = await first!;
  reconcile(costs);
  // What the report needs of the services and usage types, so that their groups (600,000 at 10,000 accounts x 30
  // services) are not kept while the files are made.
  const usageTypes = buildTree(costs.usageTypes, started.resolve);
  settle(usageTypes, [toCents(costs.total)]);
  const { currency, recordTypes, total, chargesTotal } = costs;
  return {
    costs: { currency, recordTypes, total, chargesTotal },
    first: started,
    ids: new Set([...costs.services.byAccount.keys(), ...recordTypes.byAccount.keys()]),
    monthServices: servicesOf(costs.services),
    usageTypes,
  };
}

interface ServicesFirst {
  resolve: (id: string) => ReportAccount;
  services: CostTree;
  /** Each cost center's services, as a workbook and a CSV file. */
  details: Promise<DetailFiles>;
  /** The slug of each cost center in the names of its files. */
  slugs: Map<string, string>;
}

/**
 * Once the services are read (and the organization listed): the account directory, the services tree settled on
 * Cost Explorer's total, and the writing of each cost center's services started.
 */
async function servicesFirst(head: MonthHead, options: CostReportOptions, deps: CostReportDeps): Promise<ServicesFirst> {
  reconcilePairs(head.currency ?? '', [
    ['services', head.services.total(), head.total],
    ['cost centers', head.costCenters.total(), head.chargesTotal],
  ]);
  const centers = costCentersOf(head.costCenters);
  const directory = accountDirectory(await deps.accounts, options.costCenterTag, centers);
  const names = head.accountNames; // the closure keeps the names, not the head's groups
  const resolve = (id: string): ReportAccount => accountOf(directory, id, names, centers);
  const services = buildTree(head.services, resolve);
  settle(services, [toCents(head.total)]);
  const slugs = fileSlugs(services.costCenters.map((c) => c.name));
  const details = detailFiles({
    tree: services,
    kind: 'services',
    month: options.month,
    currency: head.currency ?? '',
    metric: options.costMetric,
    folder: monthFolder('costs', options.month),
    writer: deps.writer,
    slugs,
  });
  details.catch(() => undefined); // awaited with the other files
  return { resolve, services, details, slugs };
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

/** Cost Explorer's groups must add up to its own totals (less than a cent apart), or the data moved meanwhile. */
function reconcile(costs: MonthCosts): void {
  reconcilePairs(costs.currency, [
    ['usage types', costs.usageTypes.total(), costs.total],
    ['record types', costs.recordTypes.total(), costs.chargesTotal],
  ]);
}

function reconcilePairs(currency: string, pairs: [string, Exact, Exact][]): void {
  for (const [what, sum, total] of pairs) {
    const gap = sum - total;
    if (gap >= CENT || gap <= -CENT)
      throw new EngineError(
        'costs-do-not-reconcile',
        `Cost Explorer's ${what} add up to ${formatCents(toCents(sum))} ${currency}, its total of the month is ${formatCents(toCents(total))}`,
        {
          source: 'system',
          hint: 'Cost Explorer refreshes its data several times a day: run the report again; nothing was written',
        },
      );
  }
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
