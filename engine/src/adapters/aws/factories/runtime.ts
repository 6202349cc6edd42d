import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { CONTROL_TOWER_ROLE } from '../../../domain/runtime-names.js';
import type { ActivityStore } from '../../../ports/activities.js';
import type { AccountPages } from '../../../ports/account-pages.js';
import type { BuildStarter } from '../../../ports/builds.js';
import type { EventPublisher } from '../../../ports/events.js';
import type { MessageQueue } from '../../../ports/queue.js';
import type { AccountRecords } from '../../../ports/records.js';
import type { ReportBucket } from '../../../ports/report-store.js';
import type { ScheduleStore } from '../../../ports/schedules.js';
import { DynamoDbActivityStore } from '../activities-table.js';
import { CodeBuildStarter } from '../codebuild-starter.js';
import { EventBridgePublisher } from '../event-bus.js';
import { AwsAccountPages } from '../organization-pages.js';
import { DynamoDbAccountRecords } from '../records-table.js';
import { s3ReportBucket } from '../report-bucket.js';
import type { AwsCaller } from '../retry.js';
import { S3RuntimeBucket, S3SettingsSource } from '../runtime-bucket.js';
import { SchedulerWindowStore } from '../schedules.js';
import { GLOBAL_REGION, type AwsSession } from '../session.js';
import { SqsMessageQueue } from '../sqs-queue.js';

/** The ports of the runtime in the automation account, from its session (its region). */
export const accountRecords = (
  session: AwsSession,
  caller: AwsCaller,
  table: { name: string; deadlineIndex: string },
): AccountRecords =>
  new DynamoDbAccountRecords(session.client(DynamoDBClient), caller, table.name, table.deadlineIndex);

export const activityStore = (session: AwsSession, caller: AwsCaller, table: string): ActivityStore =>
  new DynamoDbActivityStore(session.client(DynamoDBClient), caller, table);

/** The central bus (PutEvents names its ARN). */
export const eventPublisher = (session: AwsSession, caller: AwsCaller): EventPublisher =>
  new EventBridgePublisher(session.client(EventBridgeClient), caller);

export const messageQueue = (session: AwsSession, caller: AwsCaller, queueUrl: string): MessageQueue =>
  new SqsMessageQueue(session.client(SQSClient), caller, queueUrl);

export const scheduleStore = (
  session: AwsSession,
  caller: AwsCaller,
  group: string,
  target: { queueArn: string; roleArn: string },
): ScheduleStore => new SchedulerWindowStore(session.client(SchedulerClient), caller, group, target);

const s3 = (session: AwsSession) => session.client(S3Client, { pathStyle: true });

/** The published settings in the runtime bucket, read again when older than `maxAgeMs`. */
export const settingsSource = (
  session: AwsSession,
  caller: AwsCaller,
  where: { bucket: string; environment: string; maxAgeMs: number },
): S3SettingsSource =>
  new S3SettingsSource(s3(session), caller, where.bucket, where.environment, where.maxAgeMs);

export const runtimeBucket = (session: AwsSession, caller: AwsCaller, bucket: string): S3RuntimeBucket =>
  new S3RuntimeBucket(s3(session), caller, bucket);

export const reportBucket = (session: AwsSession, caller: AwsCaller, bucket: string): ReportBucket =>
  s3ReportBucket(s3(session), caller, bucket);

/** The account pages of Organizations (tags, contacts), from the management account's session. */
export const accountPages = (management: AwsSession, caller: AwsCaller): AccountPages =>
  new AwsAccountPages(management.client(OrganizationsClient, { region: GLOBAL_REGION }), caller);

/**
 * CodeBuild in a member account, in the runtime's region, as the role `roleName` there (session spa-lifecycle).
 * AWSControlTowerExecution trusts the management account: chained through its role. SPA's own member role
 * trusts the runtime's roles in the automation account only: assumed with the runtime's credentials.
 */
export const memberCodeBuild =
  (runtime: AwsSession, management: AwsSession) =>
  (accountId: string, roleName: string): CodeBuildClient =>
    (roleName === CONTROL_TOWER_ROLE ? management.in(runtime.region) : runtime)
      .as(`arn:aws:iam::${accountId}:role/${roleName}`, 'spa-lifecycle')
      .client(CodeBuildClient, { region: runtime.region });

export const buildStarter = (
  runtime: AwsSession,
  management: AwsSession,
  caller: AwsCaller,
  memberRoleName: string,
): BuildStarter =>
  new CodeBuildStarter({ codebuildIn: memberCodeBuild(runtime, management) }, caller, memberRoleName);
