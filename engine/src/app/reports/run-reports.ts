import { isManagedPath, settingsForAccount } from '../../desired/index-of.js';
import type { DesiredIndex } from '../../domain/desired-index.js';
import { DEFAULT_COST_METRIC } from '../../domain/cost-group.js';
import { EngineError } from '../../domain/errors.js';
import type { ObservedAccount } from '../../observed/types.js';
import { makeActivitiesReport } from '../../reports/activities/make-activities-report.js';
import { makeCostReport, type CostReport } from '../../reports/costs/make-cost-report.js';
import { DEFAULT_MOVERS_THRESHOLD } from '../../reports/costs/movers.js';
import { makeInventoryReport, type InventorySettings } from '../../reports/inventory/make-inventory-report.js';
import { formatCentsGrouped } from '../../reports/money.js';
import { formatMonth, type Month } from '../../reports/month.js';
import { organizationListing } from '../../reports/organization-accounts.js';
import type { ReportRunPorts, ReportRun } from './report-deps.js';

function missing(what: string): EngineError {
  return new EngineError('report-source-missing', `the report needs the ${what} of the runtime`, {
    source: 'system',
  });
}

/**
 * The monthly cost report, written as one commit (or to the working tree): the same run for `spa report costs`,
 * the scheduled Lambda and the local runtime. The organization is listed without tags: cost centers come from
 * Cost Explorer; the settings' (`index`) are compared with them. The organization is listed while Cost Explorer is
 * read. The run tells `phase` when the organization is read and when the files are made, and returns the report's
 * figures with its run.
 */
export async function runCostReport(
  month: Month,
  now: Date,
  deps: ReportRunPorts,
  index?: DesiredIndex,
): Promise<ReportRun & { cost: Omit<CostReport, 'files'> }> {
  // The organization is listed while Cost Explorer is read: the report needs the accounts only once it has the
  // month's costs, and neither waits for the other (about 515 listing calls against 131 Cost Explorer pages at
  // 10,000 accounts). A listing that fails is reported once the costs are read, or not at all if they fail first.
  const accounts = organizationListing(deps.reader, deps.settings.aws.managementAccountId, deps.progress).then((list) => {
    deps.phase?.('organization');
    return list;
  });
  accounts.catch(() => undefined);
  const r = deps.settings.reporting;
  const desiredCostCenters = index
    ? accounts.then((list) => desiredCostCentersOf(index, list, r.costCenterTag))
    : undefined;
  desiredCostCenters?.catch(() => undefined);
  const result = await makeCostReport(
    {
      month,
      now,
      costCenterTag: r.costCenterTag,
      includeCredits: r.includeCredits,
      currencies: r.currencies,
      moversThreshold: r.moversThreshold ?? DEFAULT_MOVERS_THRESHOLD,
      costMetric: r.costMetric ?? DEFAULT_COST_METRIC,
      ...(r.residualCostThreshold !== undefined ? { residualCostThreshold: r.residualCostThreshold } : {}),
    },
    {
      costs: deps.costs,
      accounts,
      store: deps.store,
      writer: deps.tables,
      ...(deps.rates ? { rates: deps.rates } : {}),
      ...(desiredCostCenters ? { desiredCostCenters } : {}),
      ...(deps.budgets ? { budgets: deps.budgets } : {}),
      ...(deps.activities ? { activities: deps.activities } : {}),
    },
  );
  deps.phase?.('report');
  const message = `Costs of ${formatMonth(month)}: ${result.status} report (${result.costCenters} cost centers, ${result.accounts} accounts)`;
  const written = await deps.store.replaceFolder(result.folder, result.files, message);
  const { files: _files, ...cost } = result;
  return {
    cost,
    kind: 'costs',
    folder: result.folder,
    files: result.files.length,
    location: written.location,
    costRequests: deps.costs.requests,
    summary: `${result.status === 'final' ? 'Final' : 'Preliminary'} cost report of ${formatMonth(month)}: ${formatCentsGrouped(result.total)} ${result.currency}`,
  };
}

/**
 * The activities of a month per cost center, from the activities table. The organization is listed without tags:
 * an activity recorded without its cost center takes the one the settings (`index`) give its account.
 */
export async function runActivitiesReport(month: Month, now: Date, deps: ReportRunPorts, index?: DesiredIndex): Promise<ReportRun> {
  if (!deps.activities) throw missing('activities table');
  const accounts = await organizationListing(deps.reader, deps.settings.aws.managementAccountId, deps.progress);
  const tag = deps.settings.reporting.costCenterTag;
  const costCenters = index ? desiredCostCentersOf(index, accounts, tag) : new Map<string, string>();
  const result = await makeActivitiesReport(
    { month, now, costCenterTag: tag },
    { activities: deps.activities, accounts, costCenters, writer: deps.tables },
  );
  const c = result.counts;
  const what = `${c.SuccessfulOnBoarding} on-boardings, ${c.SuccessfulMaintenance} maintenances, ${c.ConsoleLogin} console logins`;
  const message = `Activities of ${formatMonth(month)}${result.ongoing ? ' to date' : ''}: ${what}`;
  const written = await deps.store.replaceFolder(result.folder, result.files, message);
  return {
    kind: 'activities',
    folder: result.folder,
    files: result.files.length,
    location: written.location,
    costRequests: deps.costs.requests,
    summary: `Activities of ${formatMonth(month)}${result.ongoing ? ' (month to date)' : ''}: ${what}, ${result.costCenters} cost centers`,
  };
}

/**
 * The weekly inventory: the organization listed without tags, the records table scanned, holders, budgets and cost
 * centers of the settings, costs of the month so far with the cost center Cost Explorer charged them to.
 */
export async function runInventoryReport(index: DesiredIndex, now: Date, deps: ReportRunPorts): Promise<ReportRun> {
  if (!deps.records) throw missing('records table');
  const accounts = await organizationListing(deps.reader, deps.settings.aws.managementAccountId, deps.progress);
  const r = deps.settings.reporting;
  const result = await makeInventoryReport(
    { now, costCenterTag: r.costCenterTag, includeCredits: r.includeCredits },
    {
      accounts,
      records: await deps.records.list(),
      settingsOf: (a) => inventorySettings(index, a),
      costCenters: desiredCostCentersOf(index, accounts, r.costCenterTag),
      costs: deps.costs,
      writer: deps.tables,
    },
  );
  const date = now.toISOString().slice(0, 10);
  const written = await deps.store.replaceFolder(result.folder, result.files, `Inventory of ${date}: ${result.accounts} accounts`);
  return {
    kind: 'inventory',
    folder: result.folder,
    files: result.files.length,
    location: written.location,
    costRequests: deps.costs.requests,
    summary: `Inventory of ${date}: ${result.accounts} accounts, ${result.costCenters} cost centers`,
  };
}

/** The settings of a managed account (its file, else its OU chain); undefined when SPA does not manage it. */
export function inventorySettings(index: DesiredIndex, account: ObservedAccount): InventorySettings | undefined {
  const email = account.email.toLowerCase();
  const file = index.accountsById.get(account.id) ?? index.accountsByEmail.get(email);
  if (!file && !isManagedPath(index, account.ouPath)) return undefined;
  if (file?.settings.closed.value) return undefined;
  const { settings } = settingsForAccount(index, { ...(file ? { file } : {}), id: account.id, email, ouPath: account.ouPath });
  const budget = settings.budget;
  return {
    ...(settings.holder ? { holder: settings.holder.value } : {}),
    ...(budget ? { budget: { amount: budget.amount.value, currency: budget.currency.value } } : {}),
  };
}

/** The cost center the settings give each managed account of the organization that has one, by account id. */
export function desiredCostCentersOf(
  index: DesiredIndex,
  accounts: readonly ObservedAccount[],
  costCenterTag: string,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const account of accounts) {
    const email = account.email.toLowerCase();
    const file = index.accountsById.get(account.id) ?? index.accountsByEmail.get(email);
    if (!file && !isManagedPath(index, account.ouPath)) continue;
    if (file?.settings.closed.value) continue;
    const target = { ...(file ? { file } : {}), id: account.id, email, ouPath: account.ouPath };
    const value = settingsForAccount(index, target).settings.tags[costCenterTag]?.value;
    if (value) out.set(account.id, value);
  }
  return out;
}
