import { AwsAccountPages } from '../../adapters/aws/organization-pages.js';
import { DynamoDbActivityStore } from '../../adapters/aws/activities-table.js';
import { buildRuntimeClients, type AwsAccess, type RuntimeClients } from '../../adapters/aws/clients.js';
import { CodeBuildStarter } from '../../adapters/aws/codebuild-starter.js';
import { EventBridgePublisher } from '../../adapters/aws/event-bus.js';
import { AwsOrganizationReader } from '../../adapters/aws/organization-reader.js';
import { AwsOrganizationWriter } from '../../adapters/aws/organization-writer.js';
import { DynamoDbAccountRecords } from '../../adapters/aws/records-table.js';
import { AwsCaller, type RetryPolicy } from '../../adapters/aws/retry.js';
import { S3SettingsSource } from '../../adapters/aws/runtime-bucket.js';
import { SqsMessageQueue } from '../../adapters/aws/sqs-queue.js';
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
 * What a Lambda builds once per container: SDK clients, adapters, the settings source. The parts that depend on
 * the published settings (the management role for Organizations, the member role for CodeBuild) are rebuilt
 * only when those settings change, so that a settings change never needs a redeploy.
 */
export class RuntimeContainer {
  readonly clients: RuntimeClients;
  readonly caller: AwsCaller;
  readonly settings: S3SettingsSource;
  private readonly idempotency = new Map<string, IdempotentRunner>();
  private built: { key: string; deps: RuntimePorts } | undefined;

  constructor(private readonly input: ContainerInput) {
    this.clients = buildRuntimeClients(input.access);
    this.caller = new AwsCaller(input.policy ?? LAMBDA_RETRY_POLICY);
    const maxAge = Number(input.env.SPA_SETTINGS_MAX_AGE_MS ?? 30_000);
    this.settings = new S3SettingsSource(
      this.clients.s3,
      this.caller,
      input.env.SPA_RUNTIME_BUCKET,
      input.env.SPA_ENVIRONMENT,
      Number.isFinite(maxAge) ? maxAge : 30_000,
    );
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
      runner = powertoolsIdempotency(this.clients.dynamodb, this.input.env.SPA_IDEMPOTENCY_TABLE, scope);
      this.idempotency.set(scope, runner);
    }
    return runner;
  }

  private build(managementRoleArn: string | undefined, memberRoleName: string): RuntimePorts {
    const { env, telemetry } = this.input;
    const orgs = managementRoleArn ? buildRuntimeClients(this.input.access, managementRoleArn) : this.clients;
    const reader = new AwsOrganizationReader(orgs.organizations, this.caller);
    const now = this.input.now ?? (() => new Date());
    return {
      environment: env.SPA_ENVIRONMENT,
      eventBusArn: env.SPA_EVENT_BUS_ARN,
      published: this.settings,
      records: new DynamoDbAccountRecords(
        this.clients.dynamodb,
        this.caller,
        env.SPA_RECORDS_TABLE,
        env.SPA_DEADLINE_INDEX,
      ),
      reader,
      writer: new AwsOrganizationWriter(orgs.organizations, this.caller),
      ouPaths: new OuPaths(reader, 5 * 60_000),
      events: new EventBridgePublisher(this.clients.eventBridge, this.caller),
      builds: new CodeBuildStarter(orgs, this.caller, memberRoleName),
      queue: new SqsMessageQueue(this.clients.sqs, this.caller, env.SPA_MAINTENANCE_QUEUE_URL),
      pages: new AwsAccountPages(orgs.organizations, this.caller),
      activities: new DynamoDbActivityStore(this.clients.dynamodb, this.caller, env.SPA_ACTIVITIES_TABLE),
      telemetry,
      now,
    };
  }
}
