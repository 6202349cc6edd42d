import {
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AccountCosts } from '../../domain/account-costs.js';
import type { CostLedger } from '../../ports/exceptions.js';
import type { AwsCaller } from './retry.js';

/** Two days: a day's items outlive it a little, then DynamoDB's TTL removes them. */
const TTL_SECONDS = 2 * 86400;

/**
 * The exceptions table (`<env>-exceptions`, key `id`, TTL `ttl`): `costs#<account>#<day>` holds the costs of an
 * account read that day (JSON), `calls#<day>` the count of the day's Cost Explorer requests, taken one at a time
 * with a conditional update so that concurrent invocations never pass the limit together.
 */
export class DynamoDbCostLedger implements CostLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly caller: AwsCaller,
    private readonly table: string,
    private readonly now: () => Date,
  ) {}

  private ttl(): string {
    return String(Math.floor(this.now().getTime() / 1000) + TTL_SECONDS);
  }

  async cachedCosts(accountId: string, day: string): Promise<AccountCosts | undefined> {
    const out = await this.caller.read('GetItem', () =>
      this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { id: { S: `costs#${accountId}#${day}` } },
          ConsistentRead: true,
        }),
      ),
    );
    const text = out.Item?.costs?.S;
    return text ? (JSON.parse(text) as AccountCosts) : undefined;
  }

  async storeCosts(accountId: string, costs: AccountCosts): Promise<void> {
    await this.caller.write('PutItem', () =>
      this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            id: { S: `costs#${accountId}#${costs.day}` },
            costs: { S: JSON.stringify(costs) },
            ttl: { N: this.ttl() },
          },
        }),
      ),
    );
  }

  async takeRequest(day: string, limit: number): Promise<boolean> {
    try {
      await this.caller.write('UpdateItem', () =>
        this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: { id: { S: `calls#${day}` } },
            UpdateExpression: 'ADD calls :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(calls) OR calls < :limit',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':one': { N: '1' },
              ':limit': { N: String(limit) },
              ':ttl': { N: this.ttl() },
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      const e = error as { name?: string; cause?: { name?: string }; code?: string };
      if ([e.name, e.cause?.name].includes('ConditionalCheckFailedException')) return false;
      throw error;
    }
  }
}
