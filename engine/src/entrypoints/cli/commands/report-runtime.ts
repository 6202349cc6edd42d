import { resolve } from 'node:path';
import { reportPorts, type ReportPorts } from '../../../adapters/aws/factories/reports.js';
import { accountRecords, activityStore, reportBucket } from '../../../adapters/aws/factories/runtime.js';
import { cliSession } from '../aws.js';
import { reportFolder } from '../../../adapters/fs/report-folder.js';
import { fileTableWriter } from '../../../adapters/reports/table-writer.js';
import { indexDesired } from '../../../desired/index-of.js';
import type { DesiredOrganization } from '../../../desired/types.js';
import { ExitCode } from '../../../domain/errors.js';
import { runtimeNames } from '../../../domain/runtime-names.js';
import type { ReportStore } from '../../../ports/report-store.js';
import { withBucketCopy } from '../../../reports/bucket-copy.js';
import { checkReportable, parseMonth, previousMonthOf } from '../../../reports/month.js';
import { reportSettings, type ReportSettings } from '../../../reports/report-settings.js';
import type { ReportRunPorts, ReportRun } from '../../../app/reports/report-deps.js';
import { runActivitiesReport, runInventoryReport } from '../../../app/reports/run-reports.js';
import type { CliIo } from '../io.js';
import { runtimeFromEnv } from '../runtime-connect.js';
import type { Progress } from '../progress.js';
import { loadValidSettings, progressLine } from '../settings.js';
import { githubStore, nowOf } from './report.js';

export interface ReportRuntimeOptions {
  dir: string;
  month?: string;
  out?: string;
  commit?: boolean;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadValidSettings>>>;

/**
 * The working tree, or with --commit one commit on GitHub copied to the runtime bucket (settings.yaml
 * runtime.bucket; without one, the commit only, and a line says so).
 */
export async function reportStoreOf(
  options: ReportRuntimeOptions,
  loaded: Loaded,
  report: ReportSettings,
  aws: ReportPorts,
  io: CliIo,
): Promise<ReportStore> {
  if (!options.commit) return reportFolder(resolve(io.cwd, options.out ?? loaded.dir));
  const log = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const store = await githubStore(report, aws, io, log);
  const bucket = loaded.desired.settings.runtime.bucket;
  if (!bucket || !loaded.desired.settings.runtime.account) {
    log('not copied to the runtime bucket: settings.yaml gives no runtime.account and runtime.bucket');
    return store;
  }
  const { runtime } = await runtimeFromEnv(io, loaded.desired);
  return withBucketCopy(store, reportBucket(runtime.session, aws.caller, bucket));
}

/** Organizations and Cost Explorer (management account), the tables of the runtime (automation account). */
async function reportDeps(
  options: ReportRuntimeOptions,
  loaded: Loaded,
  io: CliIo,
  progress: Progress,
): Promise<ReportRunPorts> {
  const desired: DesiredOrganization = loaded.desired;
  const settings = desired.settings;
  const report = reportSettings(loaded.model.settings.value);
  const { session, policy } = cliSession(io, {
    region: settings.aws.region,
    managementRoleArn: settings.aws.managementRoleArn,
  });
  const aws = reportPorts(session, report.costExplorerCallsPerDay, policy);
  const { runtime } = await runtimeFromEnv(io, desired);
  const names = runtimeNames(desired.environment);
  return {
    settings,
    reader: aws.reader,
    costs: aws.costs,
    store: await reportStoreOf(options, loaded, report, aws, io),
    tables: fileTableWriter,
    activities: activityStore(runtime.session, aws.caller, names.activitiesTable),
    records: accountRecords(runtime.session, aws.caller, {
      name: names.recordsTable,
      deadlineIndex: names.deadlineIndex,
    }),
    progress: (p) =>
      progress.update(
        p.tagsTotal > 0
          ? `reading the organization: ${p.accounts} accounts, tags ${p.tagsRead}/${p.tagsTotal}`
          : `listing the organization: ${p.ous} OUs, ${p.accounts} accounts`,
      ),
  };
}

function printRun(run: ReportRun, io: CliIo): void {
  io.stdout.write(
    [
      run.summary,
      `${run.files} files written to ${run.location}`,
      `Cost Explorer requests: ${run.costRequests} (USD ${(run.costRequests / 100).toFixed(2)})`,
      '',
    ].join('\n'),
  );
}

/** `spa report activities`: on-boardings, maintenances and console logins of a month per cost center. */
export async function reportActivitiesCommand(options: ReportRuntimeOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const now = nowOf(io);
  const month = options.month ? parseMonth(options.month) : previousMonthOf(now);
  checkReportable(month, now);
  const progress = progressLine(io);
  const deps = await reportDeps(options, loaded, io, progress);
  const run = await runActivitiesReport(month, now, deps, indexDesired(loaded.desired)).finally(() =>
    progress.done(),
  );
  printRun(run, io);
  return ExitCode.ok;
}

/** `spa report inventory`: every active account with its state, last login, budget and costs so far. */
export async function reportInventoryCommand(options: ReportRuntimeOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const progress = progressLine(io);
  const deps = await reportDeps(options, loaded, io, progress);
  const run = await runInventoryReport(indexDesired(loaded.desired), nowOf(io), deps).finally(() =>
    progress.done(),
  );
  printRun(run, io);
  return ExitCode.ok;
}
