import {
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Activity, ActivityStore } from '../../ports/activities.js';
import { EngineError } from '../../domain/errors.js';
import type { AwsCaller } from './retry.js';
import { errorName } from './aws-errors.js';

/** About 400 days: the reports of a year and a month, then DynamoDB's TTL removes the activity. */
export const ACTIVITY_TTL_SECONDS = 400 * 86400;

/**
 * The activities table (`<env>-activities`): partition `month` (YYYY-MM), sort `sk` = `<time>#<account>#<id>`,
 * the activity as JSON in `activity`, and `ttl` (epoch seconds).
 */
export class DynamoDbActivityStore implements ActivityStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly caller: AwsCaller,
    private readonly table: string,
  ) {}

  async put(activity: Activity): Promise<void> {
    await this.caller.write('PutItem', () =>
      this.client.send(new PutItemCommand({ TableName: this.table, Item: activityItem(activity) })),
    );
  }

  async month(month: string): Promise<Activity[]> {
    try {
      return await this.query(month);
    } catch (error) {
      if (errorName(error) !== 'ResourceNotFoundException') throw error;
      throw new EngineError(
        'activities-table-missing',
        `the runtime's activities table ${this.table} does not exist`,
        {
          source: 'system',
          cause: error,
          hint: 'deploy the runtime (infra/README.md); the activities of the month are read from this table',
        },
      );
    }
  }

  private async query(month: string): Promise<Activity[]> {
    const out: Activity[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.caller.read('Query', () =>
        this.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: '#m = :m',
            ExpressionAttributeNames: { '#m': 'month' },
            ExpressionAttributeValues: { ':m': { S: month } },
            ExclusiveStartKey: start,
          }),
        ),
      );
      for (const item of page.Items ?? []) out.push(JSON.parse(item.activity?.S ?? '{}') as Activity);
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}

/** The item of one activity in the table. */
export function activityItem(activity: Activity): Record<string, AttributeValue> {
  const ttl = Math.floor(Date.parse(activity.at) / 1000) + ACTIVITY_TTL_SECONDS;
  return {
    month: { S: activity.at.slice(0, 7) },
    sk: { S: `${activity.at}#${activity.accountId}#${activity.id}` },
    activity: { S: JSON.stringify(activity) },
    ttl: { N: String(ttl) },
  };
}
