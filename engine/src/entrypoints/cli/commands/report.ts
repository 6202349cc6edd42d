import { reportPorts, type ReportPorts } from '../../../adapters/aws/factories/reports.js';
import { cliSession } from '../aws.js';
import { installationToken, parseAppCredentials } from '../../../adapters/github/app-token.js';
import { buildOctokit } from '../../../adapters/github/client.js';
import { GitData } from '../../../adapters/github/git-data.js';
import { githubReportStore } from '../../../adapters/github/report-store.js';
import { readRates } from '../../../adapters/http/rates-source.js';
import { fileTableWriter } from '../../../adapters/reports/table-writer.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import { budgetPrefix } from '../../../domain/names.js';
import type { ReportStore } from '../../../ports/report-store.js';
import { runCostReport } from '../../../app/reports/run-reports.js';
import { formatCentsGrouped } from '../../../reports/money.js';
import { checkReportable, parseMonth, previousMonthOf } from '../../../reports/month.js';
import { indexDesired } from '../../../desired/index-of.js';
import { reportSettings, type ReportSettings } from '../../../reports/report-settings.js';
import type { CliIo } from '../io.js';
import { loadValidSettings, progressLine } from '../settings.js';
import { reportStoreOf } from './report-runtime.js';

export interface ReportCostsOptions {
  dir: string;
  month?: string;
  out?: string;
  commit?: boolean;
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
      `phases: organization ${s(at[0], at[1])}, Cost Explorer and files ${s(at[1], at[2])}, writing ${s(at[2])}`,
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
