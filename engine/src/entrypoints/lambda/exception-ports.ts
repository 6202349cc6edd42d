import {
  channels as channelsOf,
  costLedger,
  exceptionTexts,
} from '../../adapters/aws/factories/exceptions.js';
import { budgetStore } from '../../adapters/aws/factories/gitops.js';
import { costExplorer } from '../../adapters/aws/factories/reports.js';
import type { AwsCaller } from '../../adapters/aws/retry.js';
import type { AwsSession } from '../../adapters/aws/session.js';
import { appTracker } from '../../adapters/github/exception-tracker.js';
import { WEBHOOK_POLICY } from '../../adapters/http/webhook.js';
import { runtimeNames } from '../../domain/runtime-names.js';
import type { SettingsSource } from '../../ports/runtime-settings.js';
import type { ExceptionPorts } from '../../app/runtime/exceptions/deps.js';
import type { RuntimeContainer, RuntimePorts } from './container.js';
import type { LambdaEnvironment } from './environment.js';

/**
 * The ports of the exceptions handler: the runtime's session (its region, where the runtime bucket is), Budgets
 * and Cost Explorer as the management role; every Cost Explorer request is first taken from the day's budget in
 * the exceptions table.
 */
export function exceptionPorts(input: {
  env: LambdaEnvironment;
  session: AwsSession;
  management: AwsSession;
  caller: AwsCaller;
  settings: SettingsSource;
  lifecycle: RuntimePorts;
  github: { repository?: string; appSecret?: string };
  managementAccountId: string;
}): ExceptionPorts {
  const { env, session, management, caller, lifecycle } = input;
  const now = lifecycle.now;
  const ledger = costLedger(session, caller, env.SPA_EXCEPTIONS_TABLE, now);
  const gate = async () =>
    ledger.takeRequest(
      now().toISOString().slice(0, 10),
      (await input.settings.current()).index.desired.settings.reporting.costExplorerCallsPerDay,
    );
  const backoff = Number(env.SPA_WEBHOOK_BACKOFF_MS ?? WEBHOOK_POLICY.baseDelayMs);
  const channels = channelsOf(session, caller, now, {
    ...WEBHOOK_POLICY,
    baseDelayMs: Number.isFinite(backoff) ? backoff : 500,
  });
  const interval = env.SPA_GITHUB_WRITE_INTERVAL_MS ? Number(env.SPA_GITHUB_WRITE_INTERVAL_MS) : undefined;
  return {
    environment: env.SPA_ENVIRONMENT,
    eventBusArn: env.SPA_EVENT_BUS_ARN,
    budgets: budgetStore(management, caller, input.managementAccountId),
    published: input.settings,
    reader: lifecycle.reader,
    ouPaths: lifecycle.ouPaths,
    costs: costExplorer(management, caller, Number.MAX_SAFE_INTEGER, gate),
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
    texts: exceptionTexts(session, caller, env.SPA_RUNTIME_BUCKET),
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
          session: this.runtime.session,
          management: this.runtime.session.asManagement(roleArn, 'spa-exceptions'),
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
