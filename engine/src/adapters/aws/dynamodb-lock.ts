import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Acquired, ApplyLock, LockInfo } from '../../ports/lock.js';
import { newLock } from '../new-lock.js';
import type { AwsCaller } from './retry.js';
import { errorName } from './aws-errors.js';

/**
 * The apply lock in a DynamoDB table (created by the runtime stack): one item per organization, key `lockId` =
 * `apply#<organization id>`, attributes `id`, `owner`, `startedAt`, `expiresAt` (ISO) and `ttl` (epoch seconds,
 * the table's TTL attribute). Taken with a conditional put that succeeds only when no lock exists or the one
 * there expired; released with a delete conditioned on its id.
 */
export class DynamoDbApplyLock implements ApplyLock {
  readonly where: string;
  private readonly key: string;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly caller: AwsCaller,
    private readonly table: string,
    organizationId: string,
  ) {
    this.key = `apply#${organizationId}`;
    this.where = `DynamoDB table ${table}, item ${this.key}`;
  }

  async acquire(owner: string, ttlMs: number): Promise<Acquired> {
    const now = Date.now();
    const lock = newLock(owner, ttlMs, now);
    try {
      await this.caller.write('PutItem', () =>
        this.client.send(
          new PutItemCommand({
            TableName: this.table,
            Item: {
              lockId: { S: this.key },
              id: { S: lock.id },
              owner: { S: lock.owner },
              startedAt: { S: lock.startedAt },
              expiresAt: { S: lock.expiresAt },
              ttl: { N: String(Math.ceil((now + ttlMs) / 1000)) },
            },
            ConditionExpression: 'attribute_not_exists(lockId) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': { S: new Date(now).toISOString() } },
          }),
        ),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      const held = await this.read();
      if (held) return { acquired: false, heldBy: held };
      return this.acquire(owner, ttlMs);
    }
    return { acquired: true, lock, release: () => this.delete(lock.id).then(() => undefined) };
  }

  private async read(): Promise<LockInfo | undefined> {
    const out = await this.caller.read('GetItem', () =>
      this.client.send(
        new GetItemCommand({ TableName: this.table, Key: { lockId: { S: this.key } }, ConsistentRead: true }),
      ),
    );
    const item = out.Item;
    if (!item) return undefined;
    return {
      id: item.id?.S ?? '',
      owner: item.owner?.S ?? '',
      startedAt: item.startedAt?.S ?? '',
      expiresAt: item.expiresAt?.S ?? '',
    };
  }

  private async delete(id: string): Promise<boolean> {
    try {
      await this.caller.write('DeleteItem', () =>
        this.client.send(
          new DeleteItemCommand({
            TableName: this.table,
            Key: { lockId: { S: this.key } },
            ConditionExpression: 'id = :id',
            ExpressionAttributeValues: { ':id': { S: id } },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  forceUnlock(id: string): Promise<boolean> {
    return this.delete(id);
  }
}

/** The caller wraps SDK errors; the SDK's own error is the cause. */
function conditionFailed(error: unknown): boolean {
  return errorName(error) === 'ConditionalCheckFailedException';
}
