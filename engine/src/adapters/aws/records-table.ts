import {
  GetItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { isState, type AccountRecord } from '../../lifecycle/states.js';
import type { AccountRecords } from '../../ports/records.js';
import type { AwsCaller } from './retry.js';
import { errorName } from './aws-errors.js';

type Item = Record<string, AttributeValue>;
/** The partition of the sparse deadline index: only records with an open, unreported transaction carry it. */
const OPEN = 'open';

/**
 * The records table (`<env>-records`, key `accountId`): `state`, `version`, `updatedAt`, `tx` (JSON), and for an
 * open transaction `open` + `deadline`, the keys of the `deadline` index that the sweeper queries.
 */
export class DynamoDbAccountRecords implements AccountRecords {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly caller: AwsCaller,
    private readonly table: string,
    private readonly deadlineIndex: string,
  ) {}

  async get(accountId: string): Promise<AccountRecord | undefined> {
    const out = await this.caller.read('GetItem', () =>
      this.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: { accountId: { S: accountId } },
          ConsistentRead: true,
        }),
      ),
    );
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async write(record: AccountRecord, expectedVersion: number): Promise<boolean> {
    const set: string[] = ['#state = :state', '#version = :version', '#updatedAt = :updatedAt'];
    const remove: string[] = [];
    const values: Item = {
      ':state': { S: record.state },
      ':version': { N: String(record.version) },
      ':updatedAt': { S: record.updatedAt ?? new Date().toISOString() },
    };
    const names: Record<string, string> = {
      '#state': 'state',
      '#version': 'version',
      '#updatedAt': 'updatedAt',
      '#tx': 'tx',
      '#open': 'open',
      '#deadline': 'deadline',
      '#lastEventId': 'lastEventId',
      '#lastEffects': 'lastEffects',
    };
    const tx = record.transaction;
    if (tx) {
      set.push('#tx = :tx');
      values[':tx'] = { S: JSON.stringify(tx) };
    } else remove.push('#tx');
    if (tx && tx.failedAt === undefined) {
      set.push('#open = :open', '#deadline = :deadline');
      values[':open'] = { S: OPEN };
      values[':deadline'] = { S: tx.deadline };
    } else remove.push('#open', '#deadline');
    for (const [key, value] of [
      ['lastEventId', record.lastEventId],
      ['lastEffects', record.lastEffects && JSON.stringify(record.lastEffects)],
    ] as const) {
      if (value !== undefined) {
        set.push(`#${key} = :${key}`);
        values[`:${key}`] = { S: value };
      } else remove.push(`#${key}`);
    }
    if (expectedVersion > 0) values[':expected'] = { N: String(expectedVersion) };
    try {
      await this.caller.write('UpdateItem', () =>
        this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: { accountId: { S: record.accountId } },
            UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
            ConditionExpression:
              expectedVersion === 0 ? 'attribute_not_exists(#version)' : '#version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async pastDeadline(now: string, limit: number): Promise<AccountRecord[]> {
    const out = await this.caller.read('Query', () =>
      this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: this.deadlineIndex,
          KeyConditionExpression: '#open = :open AND #deadline < :now',
          ExpressionAttributeNames: { '#open': 'open', '#deadline': 'deadline' },
          ExpressionAttributeValues: { ':open': { S: OPEN }, ':now': { S: now } },
          Limit: limit,
        }),
      ),
    );
    // The index may lag the table: read each record again, consistently.
    const records = await Promise.all((out.Items ?? []).map((item) => this.get(item.accountId?.S ?? '')));
    return records.filter((r): r is AccountRecord => r !== undefined);
  }

  async list(): Promise<AccountRecord[]> {
    const records: AccountRecord[] = [];
    let start: Item | undefined;
    do {
      const page = await this.caller.read('Scan', () =>
        this.client.send(new ScanCommand({ TableName: this.table, ExclusiveStartKey: start })),
      );
      for (const item of page.Items ?? []) records.push(fromItem(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return records.sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  }

  async setConsoleLogin(accountId: string, login: { at: string; identity: string }): Promise<void> {
    try {
      await this.caller.write('UpdateItem', () =>
        this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: { accountId: { S: accountId } },
            UpdateExpression: 'SET #login = :login, #loginAt = :at',
            // Sign-ins arrive in any order: an earlier one never replaces a later one (the inventory's last login).
            ConditionExpression: 'attribute_not_exists(#loginAt) OR #loginAt < :at',
            ExpressionAttributeNames: { '#login': 'lastConsoleLogin', '#loginAt': 'lastConsoleLoginAt' },
            ExpressionAttributeValues: { ':login': { S: JSON.stringify(login) }, ':at': { S: login.at } },
          }),
        ),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }
}

function fromItem(item: Item): AccountRecord {
  const state = item.state?.S ?? 'vanilla';
  const record: AccountRecord = {
    accountId: item.accountId?.S ?? '',
    state: isState(state) ? state : 'vanilla',
    version: Number(item.version?.N ?? 0),
  };
  if (item.updatedAt?.S) record.updatedAt = item.updatedAt.S;
  if (item.tx?.S) record.transaction = JSON.parse(item.tx.S) as AccountRecord['transaction'] & object;
  if (item.lastEventId?.S) record.lastEventId = item.lastEventId.S;
  if (item.lastEffects?.S)
    record.lastEffects = JSON.parse(item.lastEffects.S) as AccountRecord['lastEffects'] & object;
  if (item.lastConsoleLogin?.S)
    record.lastConsoleLogin = JSON.parse(item.lastConsoleLogin.S) as NonNullable<
      AccountRecord['lastConsoleLogin']
    >;
  return record;
}

/** The caller wraps SDK errors; the SDK's own error is the cause. */
export function conditionFailed(error: unknown): boolean {
  return errorName(error) === 'ConditionalCheckFailedException';
}
