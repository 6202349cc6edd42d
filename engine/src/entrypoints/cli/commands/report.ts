import { reportPorts } from '../../../adapters/aws/factories/reports.js';
import { activityStore } from '../../../adapters/aws/factories/runtime.js';
import { runtimeNames } from '../../../domain/runtime-names.js';
import { cliSession } from '../aws.js';
import { readRates } from '../../../adapters/http/rates-source.js';
import { fileTableWriter } from '../../../adapters/reports/table-writer.js';
import { ExitCode } from '../../../domain/errors.js';
import { budgetPrefix } from '../../../domain/names.js';
import { runCostReport } from '../../../app/reports/run-reports.js';
import { formatCentsGrouped } from '../../../reports/money.js';
import { checkReportable, parseMonth, previousMonthOf } from '../../../reports/month.js';
import { indexDesired } from '../../../desired/index-of.js';
import { reportSettings } from '../../../reports/report-settings.js';
import type { CliIo } from '../io.js';
import { loadValidSettings, progressLine } from '../settings.js';
import { nowOf, reportStoreOf } from './report-runtime.js';
import { runtimeFromEnv } from '../runtime-connect.js';

export interface ReportCostsOptions {
  dir: string;
  month?: string;
  out?: string;
  commit?: boolean;
}

/**
 * `spa report costs`: the monthly cost report of the organization, written to the working tree, or committed
 * to the repository in one commit with --commit. Exit 0, 1 (settings, arguments), 3 (AWS, GitHub).
 */
export async function reportCostsCommand(options: ReportCostsOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const settings = loaded.desired.settings;
  const report = reportSettings(loaded.model.settings.value);
  const now = nowOf(io);
  const month = options.month ? parseMonth(options.month) : previousMonthOf(now);
  checkReportable(month, now);
  const { session, policy } = cliSession(io, {
    region: settings.aws.region,
    managementRoleArn: settings.aws.managementRoleArn,
  });
  const aws = reportPorts(session, report.costExplorerCallsPerDay, policy);
  const log = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const store = await reportStoreOf(options, loaded, report, aws, io);
  // The purges of the month are in the activities table of the runtime, when settings.yaml gives one.
  const activities = settings.runtime.account
    ? activityStore(
        (await runtimeFromEnv(io, loaded.desired)).runtime.session,
        aws.caller,
        runtimeNames(loaded.desired.environment).activitiesTable,
      )
    : undefined;
  const progress = progressLine(io);
  const at = [Date.now()];
  const run = await runCostReport(
    month,
    now,
    {
      settings,
      reader: aws.reader,
      costs: aws.costs,
      budgets: () =>
        aws.budgetLimits(settings.aws.managementAccountId, budgetPrefix(loaded.desired.environment)),
      store,
      tables: fileTableWriter,
      ...(activities ? { activities } : {}),
      rates: (base) => readRates(report.exchangeRates, settings.reporting.currencies, base, now),
      progress: (p) => progress.update(`listing the organization: ${p.ous} OUs, ${p.accounts} accounts`),
      phase: (ended) => {
        if (ended === 'organization') progress.done();
        at.push(Date.now());
      },
    },
    indexDesired(loaded.desired),
  ).finally(() => progress.done());
  if (io.env.SPA_REPORT_CALLS) {
    const s = (from = 0, to = Date.now()) => `${((to - from) / 1000).toFixed(1)} s`;
    log(`AWS calls: ${JSON.stringify(Object.fromEntries(aws.caller.calls))}`);
    log(
      `phases: organization listed ${s(at[0], at[1])} (Cost Explorer read meanwhile), report made ${s(at[0], at[2])}, writing ${s(at[2])}`,
    );
  }
  io.stdout.write(summaryLines(run.cost, run.files, run.location, run.costRequests));
  return ExitCode.ok;
}

function summaryLines(result: RunCost, files: number, location: string, requests: number): string {
  const month = result.folder.slice(-7);
  return [
    `${result.status === 'final' ? 'Final' : 'Preliminary'} cost report of ${month}: ${formatCentsGrouped(result.total)} ${result.currency} ` +
      `(charges ${formatCentsGrouped(result.chargesTotal)}), ${result.costCenters} cost centers, ${result.accounts} accounts`,
    `${files} files written to ${location}`,
    `last month from: ${result.previousSource ?? 'nowhere (no report, no costs)'}`,
    `Cost Explorer requests: ${requests} (USD ${(requests / 100).toFixed(2)})`,
    '',
  ].join('\n');
}

type RunCost = Awaited<ReturnType<typeof runCostReport>>['cost'];
