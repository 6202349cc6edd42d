import { EngineError } from '../../domain/errors.js';
import { runtimeNames } from '../../domain/runtime-names.js';

/**
 * The environment of every SPA Lambda. The CDK app types its functions with it (CONVENTIONS.md habit 12): a
 * renamed variable breaks `cdk synth` at compile time. Everything else comes from the published settings.
 */
export interface LambdaEnvironment {
  SPA_ENVIRONMENT: string;
  /** The runtime bucket: settings/effective.json and settings/buildspecs/*.yml. */
  SPA_RUNTIME_BUCKET: string;
  SPA_RECORDS_TABLE: string;
  SPA_DEADLINE_INDEX: string;
  SPA_ACTIVITIES_TABLE: string;
  SPA_IDEMPOTENCY_TABLE: string;
  /** The exceptions handler's table: costs of the day per account, the day's Cost Explorer requests. */
  SPA_EXCEPTIONS_TABLE: string;
  SPA_MAINTENANCE_QUEUE_URL: string;
  /** The default bus of the automation account: arn:aws:events:<region>:<account>:event-bus/default. */
  SPA_EVENT_BUS_ARN: string;
  /**
   * The role of the management account for Organizations (infra/ deploys it as `<env>-management`); it wins over
   * aws.managementRoleArn, which is the CLI's role and may grant more than the runtime needs.
   */
  SPA_MANAGEMENT_ROLE_ARN?: string;
  /** GitHub's REST API (default https://api.github.com; a GitHub Enterprise Server's /api/v3). */
  SPA_GITHUB_API_URL?: string;
  /** Spacing of GitHub writes in ms (default: the throttling plugin's, about 1 s and 3 s for notifying ones). */
  SPA_GITHUB_WRITE_INTERVAL_MS?: string;
  /** Base of the webhooks' retry backoff in ms (default 500). */
  SPA_WEBHOOK_BACKOFF_MS?: string;
  /** How long the settings are used before their ETag is checked again (default 30000). */
  SPA_SETTINGS_MAX_AGE_MS?: string;
  POWERTOOLS_SERVICE_NAME: string;
  POWERTOOLS_METRICS_NAMESPACE: string;
}

/** The environment of the Lambdas of an environment, from the shared names (the CDK app and the local runtime). */
export function lambdaEnvironment(input: {
  environment: string;
  bucket: string;
  region: string;
  account: string;
  maintenanceQueueUrl: string;
  service: string;
}): LambdaEnvironment {
  const names = runtimeNames(input.environment);
  return {
    SPA_ENVIRONMENT: input.environment,
    SPA_RUNTIME_BUCKET: input.bucket,
    SPA_RECORDS_TABLE: names.recordsTable,
    SPA_DEADLINE_INDEX: names.deadlineIndex,
    SPA_ACTIVITIES_TABLE: names.activitiesTable,
    SPA_IDEMPOTENCY_TABLE: names.idempotencyTable,
    SPA_EXCEPTIONS_TABLE: names.exceptionsTable,
    SPA_MAINTENANCE_QUEUE_URL: input.maintenanceQueueUrl,
    SPA_EVENT_BUS_ARN: `arn:aws:events:${input.region}:${input.account}:event-bus/default`,
    POWERTOOLS_SERVICE_NAME: input.service,
    POWERTOOLS_METRICS_NAMESPACE: 'SustainablePersonalAccounts',
  };
}

const REQUIRED = [
  'SPA_ENVIRONMENT',
  'SPA_RUNTIME_BUCKET',
  'SPA_RECORDS_TABLE',
  'SPA_DEADLINE_INDEX',
  'SPA_ACTIVITIES_TABLE',
  'SPA_IDEMPOTENCY_TABLE',
  'SPA_EXCEPTIONS_TABLE',
  'SPA_MAINTENANCE_QUEUE_URL',
  'SPA_EVENT_BUS_ARN',
] as const;

/** Reads and checks the environment once per container; a missing variable fails every invocation loudly. */
export function readLambdaEnvironment(env: Record<string, string | undefined>): LambdaEnvironment {
  const missing = REQUIRED.filter((k) => !env[k]);
  if (missing.length > 0)
    throw new EngineError('lambda-environment', `missing environment variables: ${missing.join(', ')}`, {
      source: 'system',
      hint: 'deploy the function with the environment of lambdaEnvironment() (infra/)',
    });
  return env as unknown as LambdaEnvironment;
}
