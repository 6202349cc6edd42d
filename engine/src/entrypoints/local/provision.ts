import { CreateBucketCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateScheduleGroupCommand } from '@aws-sdk/client-scheduler';
import { CreateTopicCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { RuntimeClients } from '../../adapters/aws/runtime-access.js';
import { runtimeRules } from '../../domain/runtime-rules.js';
import { runtimeNames, type QueueNames } from '../../domain/runtime-names.js';

export type QueueKind = 'lifecycle' | 'maintenance' | 'activity' | 'exceptions';

export const QUEUE_KINDS: readonly QueueKind[] = ['lifecycle', 'maintenance', 'activity', 'exceptions'];

export interface Provisioned {
  queues: Record<QueueKind, { url: string; arn: string; dlqUrl: string }>;
  /** The budget topic (budgets.alertTopicArn), subscribed by the exceptions queue. */
  budgetTopicArn: string;
}

/**
 * What AWS delivers to a queue: the whole event. moto's default delivery leaves out the envelope's `account`
 * (who sent it), which the handlers check; its input transformer passes the event whole.
 */
export const WHOLE_EVENT = { InputTemplate: '<aws.events.event.json>' };

/** Deliveries before a message goes to its dead-letter queue (the CDK app uses the same). */
export const MAX_RECEIVE_COUNT = 3;

/**
 * What the CDK app deploys in the automation account, created here for the local runtime (idempotently): the
 * queues with their dead-letter queues, the rules of the default bus, the tables, the bucket, the Scheduler group.
 */
export async function provision(
  clients: RuntimeClients,
  sns: SNSClient,
  input: { environment: string; bucket: string; visibilityTimeoutSeconds: number },
): Promise<Provisioned> {
  const names = runtimeNames(input.environment);
  const queues = {} as Provisioned['queues'];
  for (const kind of QUEUE_KINDS)
    queues[kind] = await queueWithDlq(clients, names[kind], input.visibilityTimeoutSeconds);
  for (const rule of runtimeRules(input.environment)) {
    await clients.eventBridge.send(
      new PutRuleCommand({ Name: rule.name, EventPattern: JSON.stringify(rule.pattern), State: 'ENABLED' }),
    );
    await clients.eventBridge.send(
      new PutTargetsCommand({
        Rule: rule.name,
        Targets: [{ Id: rule.queue, Arn: queues[rule.queue].arn, InputTransformer: WHOLE_EVENT }],
      }),
    );
  }
  await createTables(clients, names);
  await ignoreExisting(() => clients.s3.send(new CreateBucketCommand({ Bucket: input.bucket })));
  await clients.s3.send(
    new PutBucketVersioningCommand({ Bucket: input.bucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await ignoreExisting(() =>
    clients.scheduler.send(new CreateScheduleGroupCommand({ Name: names.scheduleGroup })),
  );
  return { queues, budgetTopicArn: await budgetTopic(sns, names.budgetTopic, queues.exceptions.arn) };
}

/** The budget topic, its notifications delivered to the exceptions queue in their SNS envelope (as in AWS). */
async function budgetTopic(sns: SNSClient, name: string, queueArn: string): Promise<string> {
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
  return topicArn;
}

/** The records table (with its deadline index), the activities table and the idempotency table. */
export async function createTables(
  clients: RuntimeClients,
  names: ReturnType<typeof runtimeNames>,
): Promise<void> {
  await table(clients, {
    TableName: names.recordsTable,
    KeySchema: [{ AttributeName: 'accountId', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'accountId', AttributeType: 'S' },
      { AttributeName: 'open', AttributeType: 'S' },
      { AttributeName: 'deadline', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: names.deadlineIndex,
        KeySchema: [
          { AttributeName: 'open', KeyType: 'HASH' },
          { AttributeName: 'deadline', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await table(clients, {
    TableName: names.activitiesTable,
    KeySchema: [
      { AttributeName: 'month', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'month', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await table(clients, {
    TableName: names.exceptionsTable,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await table(clients, {
    TableName: names.idempotencyTable,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

async function queueWithDlq(clients: RuntimeClients, names: QueueNames, visibility: number) {
  const dlqUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: names.deadLetterQueue })))
    .QueueUrl!;
  const dlqArn = await arnOf(clients, dlqUrl);
  const url = (
    await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: names.queue,
        Attributes: {
          VisibilityTimeout: String(visibility),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT }),
        },
      }),
    )
  ).QueueUrl!;
  return { url, arn: await arnOf(clients, url), dlqUrl };
}

async function arnOf(clients: RuntimeClients, url: string): Promise<string> {
  const out = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return out.Attributes!.QueueArn!;
}

async function table(clients: RuntimeClients, input: CreateTableCommandInput): Promise<void> {
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: input.TableName }));
  } catch {
    await clients.dynamodb.send(new CreateTableCommand(input));
  }
}

async function ignoreExisting(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (!/AlreadyOwnedByYou|AlreadyExists|Conflict/.test(name)) throw error;
  }
}
