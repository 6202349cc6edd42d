import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { organizationReader, organizationWriter } from '../../adapters/aws/factories/gitops.js';
import {
  accountPages,
  accountRecords,
  activityStore,
  buildStarter,
  eventPublisher,
  messageQueue,
  settingsSource,
} from '../../adapters/aws/factories/runtime.js';
import { AwsCaller, type RetryPolicy } from '../../adapters/aws/retry.js';
import type { SettingsSource } from '../../ports/runtime-settings.js';
import { AwsSession, type AwsAccess } from '../../adapters/aws/session.js';
import type { Telemetry } from '../../ports/telemetry.js';
import type { ActivityPorts } from '../../app/runtime/activity.js';
import type { MaintenancePorts } from '../../app/runtime/maintenance.js';
import { OuPaths } from '../../runtime/ou-paths.js';
import type { LambdaEnvironment } from './environment.js';
import { powertoolsIdempotency, type IdempotentRunner } from './idempotency.js';

/**
 * Calls of a Lambda: a few quick attempts for throttling, no more. A message that still fails goes back to its
 * queue, which redelivers it later (and to the dead-letter queue in the end).
 */
export const LAMBDA_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  readConcurrency: 8,
  writeConcurrency: 2,
};

export interface ContainerInput {
  env: LambdaEnvironment;
  access: AwsAccess;
  telemetry: Telemetry;
  policy?: RetryPolicy;
  now?: () => Date;
}

export type RuntimePorts = MaintenancePorts & ActivityPorts;

/**
 * What a Lambda builds once per container: its AWS session, adapters, the settings source. The parts that depend
 * on the published settings (the management role for Organizations, the member role for CodeBuild) are rebuilt
 * only when those settings change, so that a settings change never needs a redeploy.
 */
export class RuntimeContainer {
  /** The session of the automation account (the function's role); its clients are built on first use. */
  readonly session: AwsSession;
  readonly caller: AwsCaller;
  readonly settings: SettingsSource;
  private readonly idempotency = new Map<string, IdempotentRunner>();
  private built: { key: string; deps: RuntimePorts } | undefined;

  constructor(private readonly input: ContainerInput) {
    this.session = AwsSession.open(input.access);
    this.caller = new AwsCaller(input.policy ?? LAMBDA_RETRY_POLICY);
    const maxAge = Number(input.env.SPA_SETTINGS_MAX_AGE_MS ?? 30_000);
    this.settings = settingsSource(this.session, this.caller, {
      bucket: input.env.SPA_RUNTIME_BUCKET,
      environment: input.env.SPA_ENVIRONMENT,
      maxAgeMs: Number.isFinite(maxAge) ? maxAge : 30_000,
    });
  }

  get env(): LambdaEnvironment {
    return this.input.env;
  }

  get access(): AwsAccess {
    return this.input.access;
  }

  /** The role of the management account the runtime assumes: the environment's, else the settings'. */
  async managementRoleArn(): Promise<string | undefined> {
    const aws = (await this.settings.current()).index.desired.settings.aws;
    return this.input.env.SPA_MANAGEMENT_ROLE_ARN ?? aws.managementRoleArn;
  }

  /** The deps of the use cases, for the settings of now (read first: a handler that cannot read them fails). */
  async deps(): Promise<RuntimePorts> {
    const aws = (await this.settings.current()).index.desired.settings.aws;
    const managementRoleArn = await this.managementRoleArn();
    const key = `${managementRoleArn ?? ''}|${aws.memberRoleName}`;
    if (this.built?.key !== key)
      this.built = { key, deps: this.build(managementRoleArn, aws.memberRoleName) };
    return this.built.deps;
  }

  idempotent(scope: string): IdempotentRunner {
    let runner = this.idempotency.get(scope);
    if (!runner) {
      runner = powertoolsIdempotency(
        this.session.client(DynamoDBClient),
        this.input.env.SPA_IDEMPOTENCY_TABLE,
        scope,
      );
      this.idempotency.set(scope, runner);
    }
    return runner;
  }

  private build(managementRoleArn: string | undefined, memberRoleName: string): RuntimePorts {
    const { env, telemetry } = this.input;
    const session = this.session;
    const management = session.asManagement(managementRoleArn, 'spa-runtime');
    const caller = this.caller;
    const reader = organizationReader(management, caller);
    const now = this.input.now ?? (() => new Date());
    return {
      environment: env.SPA_ENVIRONMENT,
      eventBusArn: env.SPA_EVENT_BUS_ARN,
      published: this.settings,
      records: accountRecords(session, caller, {
        name: env.SPA_RECORDS_TABLE,
        deadlineIndex: env.SPA_DEADLINE_INDEX,
      }),
      reader,
      writer: organizationWriter(management, caller),
      ouPaths: new OuPaths(reader, 5 * 60_000),
      events: eventPublisher(session, caller),
      builds: buildStarter(session, management, caller, memberRoleName),
      queue: messageQueue(session, caller, env.SPA_MAINTENANCE_QUEUE_URL),
      pages: accountPages(management, caller),
      activities: activityStore(session, caller, env.SPA_ACTIVITIES_TABLE),
      telemetry,
      now,
    };
  }
}
