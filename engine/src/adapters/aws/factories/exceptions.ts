import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { ChannelSenders, CostLedger, ExceptionTexts } from '../../../ports/exceptions.js';
import type { WebhookPolicy } from '../../http/webhook.js';
import { channelSenders } from '../channel-senders.js';
import { DynamoDbCostLedger } from '../cost-ledger.js';
import { S3ExceptionTexts } from '../exception-texts.js';
import type { AwsCaller } from '../retry.js';
import type { AwsSession } from '../session.js';
import { runtimeBucket } from './runtime.js';

/** The ports only the exceptions handler has, from the session of the automation account (its region). */
export const costLedger = (
  session: AwsSession,
  caller: AwsCaller,
  table: string,
  now: () => Date,
): CostLedger => new DynamoDbCostLedger(session.client(DynamoDBClient), caller, table, now);

/** Incoming webhooks, SES v2 email, and the secrets that hold the webhooks' URLs. */
export const channels = (
  session: AwsSession,
  caller: AwsCaller,
  now: () => Date,
  webhookPolicy: WebhookPolicy,
): ChannelSenders =>
  channelSenders({
    ses: session.client(SESv2Client),
    secretsManager: session.client(SecretsManagerClient),
    caller,
    now,
    webhookPolicy,
  });

/** The texts of the exceptions' messages, in the runtime bucket. */
export const exceptionTexts = (session: AwsSession, caller: AwsCaller, bucket: string): ExceptionTexts =>
  new S3ExceptionTexts(runtimeBucket(session, caller, bucket), bucket, session.region);
