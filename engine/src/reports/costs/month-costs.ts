import { EngineError } from '../../domain/errors.js';
import type { CostMetric } from '../../domain/cost-group.js';
import type { ObservedAccount } from '../../observed/types.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import type { TableWriter } from '../../ports/table-writer.js';
import { fileSlugs } from '../file-names.js';
import { CENT, formatCents, toCents, type Exact } from '../money.js';
import type { Month } from '../month.js';
import { accountDirectory, accountOf, type ReportAccount } from './accounts.js';
import { costCentersOf } from './cost-centers.js';
import { detailFiles, type DetailFiles } from './cost-files.js';
import { buildTree, settle, type CostTree } from './cost-tree.js';
import { servicesOf } from './movers.js';
import { monthFolder } from './paths.js';
import { readMonthCosts, type MonthCosts, type MonthHead } from './read-costs.js';

/** What the cost report asks of the month (CostReportOptions). */
export interface MonthQuestion {
  month: Month;
  includeCredits: boolean;
  costCenterTag: string;
  costMetric: CostMetric;
}

/** Where the answers come from, and where the services' files go (CostReportDeps). */
export interface MonthSources {
  costs: CostExplorer;
  accounts: readonly ObservedAccount[] | Promise<readonly ObservedAccount[]>;
  writer: TableWriter;
}

/**
 * The month's costs, reconciled with Cost Explorer's totals. Each cost center's services are written while Cost
 * Explorer's usage types are read: the largest half of the report's files is made while it would otherwise wait.
 */
export async function readCosts(options: MonthQuestion, deps: MonthSources) {
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
async function servicesFirst(head: MonthHead, options: MonthQuestion, deps: MonthSources): Promise<ServicesFirst> {
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

