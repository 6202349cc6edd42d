import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EngineError } from '../../domain/errors.js';
import { runtimeNames } from '../../domain/runtime-names.js';
import type { GlobalSettings } from '../../desired/types.js';
import { AwsSession, type AwsAccess } from './session.js';

/**
 * The SDK clients of the automation account that the local runtime and its tests use directly (to create the
 * queues, tables and rules the stacks would deploy, to look at what the handlers wrote): each from the session,
 * built when first asked.
 */
export interface RuntimeClients {
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  s3: S3Client;
  scheduler: SchedulerClient;
  dynamodb: DynamoDBClient;
}

export function runtimeClients(session: AwsSession): RuntimeClients {
  return {
    get eventBridge() {
      return session.client(EventBridgeClient);
    },
    get sqs() {
      return session.client(SQSClient);
    },
    get s3() {
      return session.client(S3Client, { pathStyle: true });
    },
    get scheduler() {
      return session.client(SchedulerClient);
    },
    get dynamodb() {
      return session.client(DynamoDBClient);
    },
  };
}

export interface RuntimeAccess {
  /** The access of the automation account: its region, and the credentials of the session. */
  access: AwsAccess;
  /** The session of the automation account (the operator role when the credentials are of another account). */
  session: AwsSession;
  clients: RuntimeClients;
  account: string;
  region: string;
}

/**
 * The automation account of settings.yaml `runtime`, reached with the credentials given, or through its operator
 * role (`<env>-operator`) when they are of another account.
 */
export async function connectRuntime(
  base: AwsAccess,
  settings: Pick<GlobalSettings, 'runtime'>,
  environment: string,
): Promise<RuntimeAccess> {
  const account = settings.runtime.account;
  if (!account)
    throw new EngineError(
      'runtime-not-configured',
      'settings.yaml gives no runtime.account (the automation account)',
      {
        source: 'user',
        hint: 'add runtime.account and runtime.bucket to settings.yaml',
      },
    );
  const region = settings.runtime.region;
  const own = AwsSession.open(base).in(region);
  const caller = await own.client(STSClient).send(new GetCallerIdentityCommand({}));
  const session =
    caller.Account === account
      ? own
      : own.as(`arn:aws:iam::${account}:role/${runtimeNames(environment).operatorRole}`, 'spa-operator');
  return { access: session.identityAccess(), session, clients: runtimeClients(session), account, region };
}
