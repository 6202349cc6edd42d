import { resolve } from 'node:path';
import { reportPorts, type ReportPorts } from '../../../adapters/aws/factories/reports.js';
import { accountRecords, activityStore, reportBucket } from '../../../adapters/aws/factories/runtime.js';
import { cliSession } from '../aws.js';
import { reportFolder } from '../../../adapters/fs/report-folder.js';
import { fileTableWriter } from '../../../adapters/reports/table-writer.js';
import { indexDesired } from '../../../desired/index-of.js';
import type { DesiredOrganization } from '../../../desired/types.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import { installationToken, parseAppCredentials } from '../../../adapters/github/app-token.js';
import { buildOctokit } from '../../../adapters/github/client.js';
import { GitData } from '../../../adapters/github/git-data.js';
import { githubReportStore } from '../../../adapters/github/report-store.js';
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

/** The time the report is made at: now, or SPA_NOW (an ISO date) to replay a given day. */
export function nowOf(io: CliIo): Date {
  const given = io.env.SPA_NOW;
  if (!given) return new Date();
  const at = new Date(given);
  if (Number.isNaN(at.getTime()))
    throw new EngineError('bad-now', `SPA_NOW "${given}" is not a date`, {
      source: 'user',
      hint: 'write an ISO date such as 2026-11-06T07:00:00Z',
    });
  return at;
}

/**
 * The repository the reports are committed to: GITHUB_REPOSITORY (else github.repository), with GITHUB_TOKEN
 * (a workflow's token, or a person's) or, without it, an installation token of the GitHub App whose credentials
 * the secret github.appSecret holds (the runtime's way).
 */
export async function githubStore(
  report: ReportSettings,
  aws: ReportPorts,
  io: CliIo,
  log: (t: string) => void,
): Promise<ReportStore> {
  const repository = io.env.GITHUB_REPOSITORY ?? report.github.repository;
  if (!repository)
    throw new EngineError('no-repository', '--commit needs the repository to commit to', {
      source: 'user',
      hint: 'set GITHUB_REPOSITORY=owner/name, or github.repository in settings.yaml',
    });
  const apiUrl = io.env.GITHUB_API_URL ?? 'https://api.github.com';
  let token = io.env.GITHUB_TOKEN;
  if (!token && report.github.appSecret) {
    const credentials = parseAppCredentials(
      report.github.appSecret,
      await aws.secret(report.github.appSecret),
    );
    token = await installationToken(credentials, apiUrl);
  }
  if (!token)
    throw new EngineError('github-token-missing', '--commit needs a GitHub token', {
      source: 'user',
      hint: 'set GITHUB_TOKEN, or github.appSecret in settings.yaml (the secret of a GitHub App with contents: write)',
    });
  const interval = Number(io.env.SPA_GITHUB_WRITE_INTERVAL_MS);
  const octokit = buildOctokit(
    {
      token,
      apiUrl,
      ...(io.env.SPA_GITHUB_WRITE_INTERVAL_MS && Number.isFinite(interval)
        ? { writeIntervalMs: interval, retryAfterBaseMs: interval }
        : {}),
    },
    log,
  );
  return githubReportStore(new GitData(octokit, repository, log), report.github.reportsBranch);
}
