import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';

/** Runs `work` once per key: a duplicate delivery of an event gets the stored result, not a second run. */
export type IdempotentRunner = <T>(key: string, work: () => Promise<T>, context?: Context) => Promise<T>;

/** Powertools idempotency with DynamoDB persistence (table `<env>-idempotency`, key `id`), keyed on the event id. */
export function powertoolsIdempotency(
  client: DynamoDBClient,
  table: string,
  scope: string,
): IdempotentRunner {
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 24 * 3600 });
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName: table, awsSdkV3Client: client });
  const run = makeIdempotent(
    async (_payload: { key: string }, work: () => Promise<unknown>) => (await work()) ?? null,
    { persistenceStore, config, keyPrefix: scope },
  );
  return async <T>(key: string, work: () => Promise<T>, context?: Context): Promise<T> => {
    if (context) config.registerLambdaContext(context);
    return (await run({ key }, work)) as T;
  };
}

/** No idempotency layer (tests of the use cases alone). */
export const withoutIdempotency: IdempotentRunner = (_key, work) => work();
