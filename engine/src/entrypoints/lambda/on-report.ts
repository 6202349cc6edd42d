import type { Context } from 'aws-lambda';
import { reportPorts as awsReportPorts, secretReader } from '../../adapters/aws/factories/reports.js';
import {
  accountRecords,
  activityStore,
  reportBucket,
  settingsSource,
} from '../../adapters/aws/factories/runtime.js';
import { AwsCaller } from '../../adapters/aws/retry.js';
import { AwsSession, type AwsAccess } from '../../adapters/aws/session.js';
import { installationToken, parseAppCredentials } from '../../adapters/github/app-token.js';
import { buildOctokit } from '../../adapters/github/client.js';
import { GitData } from '../../adapters/github/git-data.js';
import { githubReportStore } from '../../adapters/github/report-store.js';
import { readRates } from '../../adapters/http/rates-source.js';
import { fileTableWriter } from '../../adapters/reports/table-writer.js';
import { EngineError } from '../../domain/errors.js';
import { runtimeNames } from '../../domain/runtime-names.js';
import { budgetPrefix } from '../../domain/names.js';
import type { Ports } from '../../ports/ports.js';
import type { PublishedSettings } from '../../ports/runtime-settings.js';
import { withBucketCopy } from '../../reports/bucket-copy.js';
import { reportSettingsOf } from '../../reports/report-settings.js';
import type { ReportRunPorts, ReportRun } from '../../app/reports/report-deps.js';
import { readLambdaEnvironment, type LambdaEnvironment } from './environment.js';
import { LAMBDA_RETRY_POLICY } from './container.js';
import { parseReportEvent, runScheduledReport } from '../../app/reports/scheduled-report.js';

/** The report Lambda's own variables, besides those of every SPA Lambda. */
export interface ReportLambdaEnvironment extends LambdaEnvironment {
  /** GitHub's API (default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3). */
  SPA_GITHUB_API_URL?: string;
}

/** What the report handler runs with: the published settings, the time, the ports of a run, its log. */
export type ReportHandlerPorts = Pick<Ports, 'published'> & {
  now: () => Date;
  /** The ports of one run, for the settings published now. */
  ports(published: PublishedSettings): Promise<ReportRunPorts>;
  log(entry: Record<string, unknown>): void;
};

/**
 * A scheduled report (EventBridge Scheduler sends {"report": "costs" | "activities" | "inventory", "month"?}):
 * the same use case as `spa report <kind> --commit`, committed with the GitHub App and copied to the bucket.
 * A failure is thrown: Scheduler's attempt fails visibly (the function's errors alarm), nothing is half-written.
 */
export async function handleReport(event: unknown, deps: ReportHandlerPorts): Promise<ReportRun> {
  const request = parseReportEvent(event);
  const published = await deps.published.current();
  const run = await runScheduledReport(request, deps.now(), published, await deps.ports(published));
  deps.log({ message: 'report written', ...run });
  return run;
}

/** The ports of the runtime's report runs: Organizations and Cost Explorer as the management role, tables and bucket of the automation account, the GitHub App. */
export function reportPorts(
  env: ReportLambdaEnvironment,
  access: AwsAccess,
  log: (text: string) => void,
): (published: PublishedSettings) => Promise<ReportRunPorts> {
  const session = AwsSession.open(access);
  const caller = new AwsCaller(LAMBDA_RETRY_POLICY);
  return async (published) => {
    const settings = published.index.desired.settings;
    const report = reportSettingsOf(settings);
    const roleArn = env.SPA_MANAGEMENT_ROLE_ARN ?? settings.aws.managementRoleArn;
    const aws = awsReportPorts(
      session.asManagement(roleArn, 'spa-engine'),
      report.costExplorerCallsPerDay,
      LAMBDA_RETRY_POLICY,
    );
    const repository = report.github.repository;
    if (!repository)
      throw new EngineError('no-repository', 'the scheduled reports need the repository to commit to', {
        source: 'user',
        hint: 'set github.repository in settings.yaml and publish the settings again',
      });
    const secretName = report.github.appSecret ?? runtimeNames(env.SPA_ENVIRONMENT).githubAppSecret;
    const apiUrl = env.SPA_GITHUB_API_URL ?? 'https://api.github.com';
    const secret = await secretReader(session, caller)(secretName);
    const token = await installationToken(parseAppCredentials(secretName, secret), apiUrl);
    const git = new GitData(buildOctokit({ token, apiUrl }, log), repository, log);
    return {
      settings,
      reader: aws.reader,
      costs: aws.costs,
      store: withBucketCopy(
        githubReportStore(git, report.github.reportsBranch),
        reportBucket(session, caller, env.SPA_RUNTIME_BUCKET),
      ),
      tables: fileTableWriter,
      activities: activityStore(session, caller, env.SPA_ACTIVITIES_TABLE),
      records: accountRecords(session, caller, {
        name: env.SPA_RECORDS_TABLE,
        deadlineIndex: env.SPA_DEADLINE_INDEX,
      }),
      rates: (base) => readRates(report.exchangeRates, settings.reporting.currencies, base, new Date()),
      budgets: () =>
        aws.budgetLimits(settings.aws.managementAccountId, budgetPrefix(published.index.desired.environment)),
    };
  };
}

let deps: ReportHandlerPorts | undefined;

function containerDeps(): ReportHandlerPorts {
  if (deps) return deps;
  const env = readLambdaEnvironment(process.env);
  const access: AwsAccess = {
    region: process.env.AWS_REGION ?? 'us-east-1',
    ...(process.env.AWS_ENDPOINT_URL ? { endpoint: process.env.AWS_ENDPOINT_URL } : {}),
  };
  const line = (entry: Record<string, unknown>) =>
    process.stdout.write(
      `${JSON.stringify({ level: 'INFO', service: env.POWERTOOLS_SERVICE_NAME, ...entry })}\n`,
    );
  deps = {
    published: settingsSource(AwsSession.open(access), new AwsCaller(LAMBDA_RETRY_POLICY), {
      bucket: env.SPA_RUNTIME_BUCKET,
      environment: env.SPA_ENVIRONMENT,
      maxAgeMs: 0,
    }),
    now: () => new Date(),
    ports: reportPorts(env, access, (message) => line({ message })),
    log: line,
  };
  return deps;
}

export const handler = async (event: unknown, _context?: Context): Promise<ReportRun> =>
  handleReport(event, containerDeps());
