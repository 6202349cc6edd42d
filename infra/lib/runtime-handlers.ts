import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { CONTROL_TOWER_ROLE, type RuntimeNames } from '../../engine/src/domain/runtime-names.js';
import {
  lambdaEnvironment,
  type LambdaEnvironment,
} from '../../engine/src/entrypoints/lambda/environment.js';
import type { QueueKind } from '../../engine/src/entrypoints/local/provision.js';
import type { Access, HandlerSpec } from './handlers.js';
import { lambdaDir } from './paths.js';
import { RuntimeFunction } from './runtime-function.js';
import type { RuntimeQueue } from './runtime-queue.js';
import type { HandlerSchedules } from './schedules.js';
import type { RuntimeTables } from './runtime-tables.js';

export interface RuntimeHandlersProps {
  handlers: readonly HandlerSpec[];
  names: RuntimeNames;
  environment: string;
  account: string;
  region: string;
  managementAccount: string;
  organizationId: string;
  memberRoleName: string;
  maxConcurrentBuilds: number;
  bucket: s3.Bucket;
  tables: RuntimeTables;
  queues: ReadonlyMap<QueueKind, RuntimeQueue>;
  schedules: HandlerSchedules;
  /** The ARNs of the secrets of the stack (webhooks, GitHub App). */
  secretArns: string[];
  /** The SES identities the email channels send from: each sender's address and its domain. */
  emailSenders: string[];
}

/** The functions of the handler table, each with its role, its trigger and exactly the access its entry lists. */
export class RuntimeHandlers extends Construct {
  readonly functions = new Map<string, RuntimeFunction>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: RuntimeHandlersProps,
  ) {
    super(scope, id);
    for (const spec of props.handlers) this.functions.set(spec.name, this.handler(spec));
  }

  /** The ARNs of the roles of the handlers that have an access. */
  rolesWith(access: Access): string[] {
    return this.props.handlers
      .filter((h) => h.access.includes(access))
      .map((h) => `arn:aws:iam::${this.props.account}:role/${this.props.names.runtimeRole}-${h.name}`);
  }

  private handler(spec: HandlerSpec): RuntimeFunction {
    const p = this.props;
    const maintenance = p.queues.get('maintenance');
    const environment: LambdaEnvironment = {
      ...lambdaEnvironment({
        environment: p.environment,
        bucket: p.bucket.bucketName,
        region: p.region,
        account: p.account,
        maintenanceQueueUrl: maintenance?.queue.queueUrl ?? '',
        service: `${p.environment}-${spec.name}`,
      }),
      SPA_MANAGEMENT_ROLE_ARN: `arn:aws:iam::${p.managementAccount}:role/${p.names.managementRole}`,
    };
    const fn = new RuntimeFunction(this, spec.name, {
      functionName: `${p.environment}-${spec.name}`,
      roleName: `${p.names.runtimeRole}-${spec.name}`,
      entry: join(lambdaDir, spec.entry),
      description: spec.description,
      environment,
      timeout: Duration.seconds(spec.timeoutSeconds),
      memorySize: spec.memoryMb,
      ...(spec.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: spec.reservedConcurrency }
        : {}),
    });
    for (const statement of this.statements(spec, environment)) fn.role.addToPolicy(statement);
    this.trigger(spec, fn);
    return fn;
  }

  private trigger(spec: HandlerSpec, fn: RuntimeFunction): void {
    if ('schedule' in spec.trigger) {
      this.props.schedules.add(spec.name, spec.trigger.schedule, fn.fn);
      return;
    }
    if ('schedules' in spec.trigger) {
      for (const s of spec.trigger.schedules)
        this.props.schedules.add(
          `${this.props.environment}-${spec.name}-${s.name}`,
          s.expression,
          fn.fn,
          s.input,
        );
      return;
    }
    const queue = this.props.queues.get(spec.trigger.queue);
    if (!queue) throw new Error(`handler ${spec.name}: no queue ${spec.trigger.queue}`);
    fn.fn.addEventSource(
      new SqsEventSource(queue.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // Lambda's SQS concurrency cap is 2 at least.
        ...(spec.trigger.paced ? { maxConcurrency: Math.max(2, this.props.maxConcurrentBuilds) } : {}),
      }),
    );
  }

  private statements(spec: HandlerSpec, env: LambdaEnvironment): iam.PolicyStatement[] {
    const p = this.props;
    const out = [
      statement('ReadTheSettings', ['s3:GetObject'], [p.bucket.arnForObjects('settings/*')]),
      statement('PutEventsOnTheBus', ['events:PutEvents'], [env.SPA_EVENT_BUS_ARN]),
    ];
    const table = (t: { tableArn: string }) => [t.tableArn, `${t.tableArn}/index/*`];
    const rw = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'];
    const grants: Record<Access, () => iam.PolicyStatement | undefined> = {
      records: () => statement('AccountRecords', [...rw, 'dynamodb:Scan'], table(p.tables.records)),
      activities: () => statement('Activities', [...rw, 'dynamodb:Scan'], table(p.tables.activities)),
      idempotency: () =>
        statement('Idempotency', [...rw, 'dynamodb:DeleteItem'], [p.tables.idempotency.tableArn]),
      'maintenance-queue': () =>
        statement('FanOutTheWindows', ['sqs:SendMessage'], [p.queues.get('maintenance')!.queue.queueArn]),
      organizations: () =>
        statement('AssumeTheManagementRole', ['sts:AssumeRole'], [env.SPA_MANAGEMENT_ROLE_ARN!]),
      'exceptions-table': () =>
        statement(
          'ExceptionsTable',
          ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
          [p.tables.exceptions.tableArn],
        ),
      'exception-texts': () =>
        statement('KeepTheWholeTexts', ['s3:PutObject'], [p.bucket.arnForObjects('exceptions/*')]),
      secrets: () => statement('ReadTheSecrets', ['secretsmanager:GetSecretValue'], p.secretArns),
      email: () =>
        p.emailSenders.length === 0
          ? undefined
          : statement(
              'SendFromTheSenders',
              ['ses:SendEmail'],
              [...new Set(p.emailSenders.flatMap((s) => [s, s.slice(s.indexOf('@') + 1)]))].map(
                (identity) => `arn:aws:ses:${p.region}:${p.account}:identity/${identity}`,
              ),
            ),
      // AWSControlTowerExecution is reached through the management role; SPA's member role directly.
      'records-read': () =>
        statement(
          'ReadTheRecords',
          ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
          [p.tables.records.tableArn],
        ),
      'activities-read': () =>
        statement('ReadTheActivities', ['dynamodb:Query'], [p.tables.activities.tableArn]),
      'reports-bucket': () =>
        statement(
          'CopyTheReports',
          ['s3:PutObject', 's3:DeleteObject'],
          [p.bucket.arnForObjects('reports/*')],
        ),
      'github-app': () =>
        statement(
          'ReadTheGitHubApp',
          ['secretsmanager:GetSecretValue'],
          [`arn:aws:secretsmanager:${p.region}:${p.account}:secret:${p.names.githubAppSecret}-*`],
        ),
      'member-builds': () =>
        p.memberRoleName === CONTROL_TOWER_ROLE
          ? undefined
          : new iam.PolicyStatement({
              sid: 'AssumeTheMemberRole',
              actions: ['sts:AssumeRole'],
              resources: [`arn:aws:iam::*:role/${p.memberRoleName}`],
              conditions: { StringEquals: { 'aws:ResourceOrgID': p.organizationId } },
            }),
    };
    for (const access of spec.access) {
      const s = grants[access]();
      if (s) out.push(s);
    }
    if (spec.access.includes('reports-bucket'))
      out.push(
        new iam.PolicyStatement({
          sid: 'ListTheReports',
          actions: ['s3:ListBucket'],
          resources: [p.bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': ['reports/*'] } },
        }),
      );
    return out;
  }
}

function statement(sid: string, actions: string[], resources: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions, resources });
}
