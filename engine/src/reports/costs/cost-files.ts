import { setImmediate } from 'node:timers/promises';
import type { ReportFile } from '../../ports/report-store.js';
import type { CostMetric } from '../../domain/cost-group.js';
import type { TableWriter } from '../../ports/table-writer.js';
import { ratesFile, type ExchangeRates } from '../exchange-rates.js';
import { formatExact, type Cents } from '../money.js';
import { formatMonth, type Month, type ReportStatus } from '../month.js';
import type { Table } from '../table.js';
import type { CostTrees } from './cost-tree.js';
import type { CostCenterDifference } from './cost-centers.js';
import type { AccountNode, CostTree } from './cost-tree.js';
import { differencesTable } from './differences.js';
import { costFiles } from './paths.js';
import { renderCostReadme, type ReadmeLink } from './readme.js';
import { chargesTable, detailTable, summaryTable } from './tables.js';
import { trendLines, trendTable } from './trend-table.js';
import type { Trend } from './trend.js';
import { moversLines, moversTable } from './movers-table.js';
import type { Movers } from './movers.js';
import { servicesLines, servicesTable } from './services-table.js';
import type { Services } from './services.js';
import { budgetsLines, budgetsTable } from './budgets-table.js';
import type { BudgetsAgainstActuals } from './budgets.js';
import { perOu } from './ous.js';
import type { Forecast } from './forecast.js';
import { forecastLines, forecastTable } from './forecast-table.js';
import { ousLines, ousTable } from './ous-table.js';
import { residualsLines, residualsTable } from './residuals-table.js';
import type { Residuals } from './residuals.js';

export interface CostFilesInput {
  month: Month;
  now: Date;
  includeCredits: boolean;
  folder: string;
  status: ReportStatus;
  finalFrom: string;
  currency: string;
  trees: CostTrees;
  /** Each cost center over the month and the 12 before it. */
  trend: Trend;
  /** What rose or fell most against last month. */
  movers: Movers;
  /** Every service across the organization, this month and last. */
  services: Services;
  /** The month-end forecast per cost center, while the month is not over. */
  forecast: Forecast | undefined;
  /** Every account's budget against its cost of the month, when the budgets were read. */
  budgets: BudgetsAgainstActuals | undefined;
  /** Each account purged during the month with its cost after the purge, when the activities were read. */
  residuals?: Residuals | undefined;
  previous:
    | { costCenters: Map<string, Cents>; total: Cents; source: 'report' | 'cost-explorer'; month: Month }
    | undefined;
  rates: ExchangeRates | undefined;
  requests: number;
  writer: TableWriter;
  /** reporting.costMetric, named on every table. */
  costMetric: CostMetric;
  /** Cost Explorer's own totals, rounded to the cent. */
  totals: { total: Cents; charges: Cents };
  /** Managed accounts whose settings give another cost center than Cost Explorer charged. */
  differences: readonly CostCenterDifference[];
  /** Each cost center's services, started as soon as their tree was settled (detailFiles). */
  serviceDetails: Promise<DetailFiles>;
  /** The slug of each cost center of the services in the names of its files. */
  slugs: ReadonlyMap<string, string>;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Workbooks being written at one time (measured in engine/README.md, Performance). */
const WORKBOOKS_AT_ONCE = 4;

/** Every file of a month's cost report, README last (it links to the others). */
export async function costReportFiles(input: CostFilesInput): Promise<ReportFile[]> {
  const { trees, currency, writer } = input;
  const month = formatMonth(input.month);
  const names = costFiles(input.month);
  const { files, links, add, written } = fileList(input.folder, writer);
  const summary = summaryTable(trees.services, month, currency, input.costMetric);
  await add(names.summary('xlsx'), summary, 'xlsx', 'Summary (Excel)');
  await add(names.summary('csv'), summary, 'csv', 'Summary (CSV)');
  const charges = chargesTable(trees.charges, month, currency, input.costMetric);
  await add(names.charges('xlsx'), charges, 'xlsx', 'Charges (Excel)');
  await add(names.charges('csv'), charges, 'csv', 'Charges (CSV)');
  const metric = input.costMetric;
  if (input.forecast) {
    const forecast = forecastTable(input.forecast, currency, metric);
    await add(names.forecast('xlsx'), forecast, 'xlsx', "Forecast of the month's end (Excel)");
    await add(names.forecast('csv'), forecast, 'csv', "Forecast of the month's end (CSV)");
  }
  const ous = ousTable(perOu(trees.services), input.month, currency, metric);
  await add(names.ous('xlsx'), ous, 'xlsx', 'Organizational units (Excel)');
  await add(names.ous('csv'), ous, 'csv', 'Organizational units (CSV)');
  const trend = trendTable(input.trend, currency, metric);
  await add(names.trend('xlsx'), trend, 'xlsx', 'Trend over 12 months (Excel)');
  await add(names.trend('csv'), trend, 'csv', 'Trend over 12 months (CSV)');
  const movers = moversTable(input.movers, input.month, currency, metric);
  await add(names.movers('xlsx'), movers, 'xlsx', 'Movers (Excel)');
  await add(names.movers('csv'), movers, 'csv', 'Movers (CSV)');
  const services = servicesTable(input.services, input.month, currency, metric);
  await add(names.servicesAcross('xlsx'), services, 'xlsx', 'Services across the organization (Excel)');
  await add(names.servicesAcross('csv'), services, 'csv', 'Services across the organization (CSV)');
  if (input.budgets) {
    const budgets = budgetsTable(input.budgets, input.month, currency, metric);
    await add(names.budgets('xlsx'), budgets, 'xlsx', 'Budgets against actuals (Excel)');
    await add(names.budgets('csv'), budgets, 'csv', 'Budgets against actuals (CSV)');
  }
  if (input.residuals && !input.residuals.unavailable) {
    const residuals = residualsTable(input.residuals, input.month, currency, metric);
    await add(names.residuals('xlsx'), residuals, 'xlsx', 'Purges that left costs (Excel)');
    await add(names.residuals('csv'), residuals, 'csv', 'Purges that left costs (CSV)');
  }
  for (const c of trees.converted)
    await add(names.chargesIn(c.currency), chargesTable(c.tree, month, c.currency, input.costMetric), 'xlsx', `Charges in ${c.currency} (Excel)`);
  if (input.differences.length > 0) {
    const table = differencesTable(input.differences, month);
    await add(names.differences('xlsx'), table, 'xlsx', 'Cost center differences (Excel)');
    await add(names.differences('csv'), table, 'csv', 'Cost center differences (CSV)');
  }
  if (input.rates) {
    files.push({ path: `${input.folder}/${names.rates}`, content: utf8(ratesFile(input.rates)) });
    links.push({ label: 'Exchange rates used (JSON)', path: names.rates });
  }
  const costCenterFiles = await perCostCenter(input, files);
  files.push({ path: `${input.folder}/${names.readme}`, content: utf8(readme(input, links, costCenterFiles)) });
  await written();
  return files;
}

/**
 * The files of a report as they are made, each in its place. A few workbooks are written at once: each is
 * compressed off the main thread, which meanwhile makes the next tables. A few, not all: every table waiting for
 * its turn stays in memory.
 */
function fileList(folder: string, writer: TableWriter) {
  const files: ReportFile[] = [];
  const links: ReadmeLink[] = [];
  const writing = new Set<Promise<void>>();
  const add: Add = async (path, table, ext, label, link = true) => {
    const file: ReportFile = { path: `${folder}/${path}`, content: new Uint8Array() };
    files.push(file);
    if (ext === 'csv') file.content = writer.csv(table);
    else {
      while (writing.size >= WORKBOOKS_AT_ONCE) await Promise.race(writing);
      const done: Promise<void> = writer.xlsx(table).then((bytes) => {
        file.content = bytes;
        writing.delete(done);
      });
      done.catch(() => undefined); // awaited by written(), unless the report fails before
      writing.add(done);
    }
    if (link) links.push({ label, path });
  };
  return { files, links, add, written: async () => void (await Promise.all(writing)) };
}

type Add = (path: string, table: Table, ext: 'csv' | 'xlsx', label: string, link?: boolean) => Promise<void>;

/** The files of each cost center: its services and its usage types, each as a workbook and a CSV file. */
async function perCostCenter(input: CostFilesInput, files: ReportFile[]) {
  const usage = await detailFiles({
    tree: input.trees.usageTypes,
    kind: 'usageTypes',
    month: input.month,
    currency: input.currency,
    metric: input.costMetric,
    folder: input.folder,
    writer: input.writer,
    slugs: input.slugs,
  });
  const services = await input.serviceDetails;
  files.push(...services.files, ...usage.files);
  return input.trees.services.costCenters.map((center) => ({
    costCenter: center.name,
    links: [...(services.links.get(center.name) ?? []), ...(usage.links.get(center.name) ?? [])],
  }));
}

export interface DetailFiles {
  files: ReportFile[];
  /** The links of each cost center's files, by cost center. */
  links: Map<string, ReadmeLink[]>;
}

const DETAIL = {
  services: { sheet: 'Services', column: 'Service' },
  usageTypes: { sheet: 'Usage types', column: 'Usage Type' },
} as const;

/**
 * Each cost center's services, or usage types, as a workbook and a CSV file, named by `slugs` (the cost centers
 * of the services, each with one slug for both kinds of files; a cost center without one is left out). The
 * report starts the services as soon as their tree is settled, while Cost Explorer's usage types are still being
 * read: it lets Cost Explorer's answers in between two cost centers.
 */
export async function detailFiles(options: {
  tree: CostTree;
  kind: keyof typeof DETAIL;
  month: Month;
  currency: string;
  metric: CostMetric;
  folder: string;
  writer: TableWriter;
  slugs: ReadonlyMap<string, string>;
}): Promise<DetailFiles> {
  const { tree, kind } = options;
  const month = formatMonth(options.month);
  const names = costFiles(options.month);
  const name = kind === 'services' ? names.services : names.usageTypes;
  const centers = tree.costCenters.filter((c) => options.slugs.has(c.name));
  const list = fileList(options.folder, options.writer);
  const links = new Map<string, ReadmeLink[]>();
  for (const center of centers) {
    const slug = options.slugs.get(center.name)!;
    const table = detailTable(tree, center, month, options.currency, { ...DETAIL[kind], metric: options.metric });
    await list.add(name(slug, 'xlsx'), table, 'xlsx', '', false);
    await list.add(name(slug, 'csv'), table, 'csv', '', false);
    links.set(center.name, [
      { label: 'Excel', path: name(slug, 'xlsx') },
      { label: 'CSV', path: name(slug, 'csv') },
    ]);
    await setImmediate();
  }
  await list.written();
  return { files: list.files, links };
}

function readme(input: CostFilesInput, files: ReadmeLink[], costCenterFiles: { costCenter: string; links: ReadmeLink[] }[]): string {
  const { trees, previous } = input;
  const now = new Map(trees.services.costCenters.map((c) => [c.name, c.cents[0]!]));
  const names = [...new Set([...now.keys(), ...(previous?.costCenters.keys() ?? [])])];
  const accounts: AccountNode[] = trees.services.costCenters.flatMap((c) => c.ous.flatMap((o) => o.accounts));
  const top = accounts
    .sort((a, b) => (a.cents[0]! === b.cents[0]! ? (a.account.id < b.account.id ? -1 : 1) : a.cents[0]! > b.cents[0]! ? -1 : 1))
    .slice(0, 10);
  const chargesTotal = trees.charges.cents.reduce((s, c) => s + c, 0n);
  const scope = `${input.costMetric}, ${input.includeCredits ? 'credits and refunds included' : 'without credits and refunds'}`;
  return renderCostReadme({
    month: input.month,
    status: input.status,
    finalFrom: input.finalFrom,
    madeAt: input.now,
    currency: input.currency,
    includeCredits: input.includeCredits,
    metric: input.costMetric,
    sections: [...(input.forecast ? [...forecastLines(input.forecast, input.currency, scope), ''] : []), ...ousLines(perOu(trees.services), input.currency, scope), '', ...trendLines(input.trend, input.currency, scope), '', ...moversLines(input.movers, input.month, input.currency, scope), '', ...servicesLines(input.services, input.month, input.currency, scope), ...(input.budgets ? ['', ...budgetsLines(input.budgets, input.currency, scope)] : []), ...(input.residuals ? ['', ...residualsLines(input.residuals, input.month, input.currency, scope)] : [])],
    costCenters: names
      .map((name) => ({ name, cents: now.get(name) ?? 0n, previous: previous?.costCenters.get(name) }))
      .sort((a, b) => (a.cents === b.cents ? (a.name < b.name ? -1 : 1) : a.cents > b.cents ? -1 : 1)),
    total: trees.services.cents[0]!,
    previous: previous && { month: previous.month, source: previous.source, total: previous.total },
    topAccounts: top.map((a) => ({ account: a.account, cents: a.cents[0]! })),
    charges: trees.charges.columns.map((recordType, i) => ({ recordType, cents: trees.charges.cents[i]! })),
    chargesTotal,
    checks: [
      { label: `Summary${input.includeCredits ? '' : ' (without credits and refunds)'}`, report: trees.services.cents[0]!, costExplorer: input.totals.total },
      { label: 'Usage types, all cost centers', report: trees.usageTypes.cents[0]!, costExplorer: input.totals.total },
      { label: 'Charges', report: chargesTotal, costExplorer: input.totals.charges },
    ],
    files,
    costCenterFiles,
    rates: [...(input.rates?.rates ?? [])].filter(([c]) => c !== input.currency).map(([currency, rate]) => ({ currency, rate: formatExact(rate) })),
    ratesSource: input.rates?.source,
    requests: input.requests,
    differences: input.differences,
  });
}
