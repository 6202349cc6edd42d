import { channelSenders } from '../../adapters/aws/channel-senders.js';
import {
  buildExceptionClients,
  type ExceptionClients,
  type RuntimeClients,
} from '../../adapters/aws/clients.js';
import { AwsBudgetStore } from '../../adapters/aws/budget-store.js';
import { DynamoDbCostLedger } from '../../adapters/aws/cost-ledger.js';
import { AwsCostExplorer } from '../../adapters/aws/cost-explorer.js';
import { S3ExceptionTexts } from '../../adapters/aws/exception-texts.js';
import type { AwsCaller } from '../../adapters/aws/retry.js';
import { S3RuntimeBucket } from '../../adapters/aws/runtime-bucket.js';
import { appTracker } from '../../adapters/github/exception-tracker.js';
import { WEBHOOK_POLICY } from '../../adapters/http/webhook.js';
import { runtimeNames } from '../../domain/runtime-names.js';
import type { SettingsSource } from '../../ports/runtime-settings.js';
import type { ExceptionPorts } from '../../app/runtime/exceptions/deps.js';
import type { RuntimeContainer, RuntimePorts } from './container.js';
import type { LambdaEnvironment } from './environment.js';

/**
 * The ports of the exceptions handler. `clients` are the runtime's, Organizations and Cost Explorer as the
 * management role; every Cost Explorer request is first taken from the day's budget in the exceptions table.
 */
export function exceptionPorts(input: {
  env: LambdaEnvironment;
  clients: Pick<RuntimeClients, 'dynamodb' | 's3'> & ExceptionClients;
  /** The runtime's region: where the runtime bucket is. */
  region: string;
  caller: AwsCaller;
  settings: SettingsSource;
  lifecycle: RuntimePorts;
  github: { repository?: string; appSecret?: string };
  managementAccountId: string;
}): ExceptionPorts {
  const { env, clients, caller, lifecycle } = input;
  const now = lifecycle.now;
  const ledger = new DynamoDbCostLedger(clients.dynamodb, caller, env.SPA_EXCEPTIONS_TABLE, now);
  const gate = async () =>
    ledger.takeRequest(
      now().toISOString().slice(0, 10),
      (await input.settings.current()).index.desired.settings.reporting.costExplorerCallsPerDay,
    );
  const backoff = Number(env.SPA_WEBHOOK_BACKOFF_MS ?? WEBHOOK_POLICY.baseDelayMs);
  const channels = channelSenders({
    ses: clients.ses,
    secretsManager: clients.secretsManager,
    caller,
    now,
    webhookPolicy: { ...WEBHOOK_POLICY, baseDelayMs: Number.isFinite(backoff) ? backoff : 500 },
  });
  const interval = env.SPA_GITHUB_WRITE_INTERVAL_MS ? Number(env.SPA_GITHUB_WRITE_INTERVAL_MS) : undefined;
  return {
    environment: env.SPA_ENVIRONMENT,
    eventBusArn: env.SPA_EVENT_BUS_ARN,
    budgets: new AwsBudgetStore(clients.budgets, caller, input.managementAccountId),
    published: input.settings,
    reader: lifecycle.reader,
    ouPaths: lifecycle.ouPaths,
    costs: new AwsCostExplorer(clients.costExplorer, caller, Number.MAX_SAFE_INTEGER, gate),
    ledger,
    tracker: appTracker({
      repository: input.github.repository,
      appSecret: input.github.appSecret ?? runtimeNames(env.SPA_ENVIRONMENT).githubAppSecret,
      apiUrl: env.SPA_GITHUB_API_URL ?? 'https://api.github.com',
      secret: (name) => channels.secret(name),
      now,
      log: (text) => lifecycle.telemetry.log('warn', text),
      ...(interval !== undefined && Number.isFinite(interval) ? { writeIntervalMs: interval } : {}),
    }),
    channels,
    texts: new S3ExceptionTexts(
      new S3RuntimeBucket(clients.s3, caller, env.SPA_RUNTIME_BUCKET),
      env.SPA_RUNTIME_BUCKET,
      input.region,
    ),
    telemetry: lifecycle.telemetry,
    now,
  };
}

/**
 * The exceptions handler's part of a container: built once per settings of its own (management role, repository,
 * App secret) over the lifecycle's container, with the clients only this handler needs.
 */
export class ExceptionContainer {
  private built: { key: string; deps: ExceptionPorts } | undefined;

  constructor(private readonly runtime: RuntimeContainer) {}

  async deps(): Promise<ExceptionPorts> {
    const lifecycle = await this.runtime.deps();
    const s = (await this.runtime.settings.current()).index.desired.settings;
    const roleArn = await this.runtime.managementRoleArn();
    const key = `${roleArn ?? ''}|${s.github.repository ?? ''}|${s.github.appSecret ?? ''}|${s.aws.managementAccountId}`;
    if (this.built?.key !== key)
      this.built = {
        key,
        deps: exceptionPorts({
          env: this.runtime.env,
          clients: {
            dynamodb: this.runtime.clients.dynamodb,
            s3: this.runtime.clients.s3,
            ...buildExceptionClients(this.runtime.access, roleArn),
          },
          region: this.runtime.access.region,
          caller: this.runtime.caller,
          settings: this.runtime.settings,
          lifecycle,
          github: s.github,
          managementAccountId: s.aws.managementAccountId,
        }),
      };
    return this.built.deps;
  }
}
