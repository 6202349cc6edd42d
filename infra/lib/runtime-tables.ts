import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { RuntimeNames } from '../../engine/src/domain/runtime-names.js';

export interface RuntimeTablesProps {
  names: RuntimeNames;
  applyLockTable: string;
  /** The apply role of the management account, which takes and releases the apply lock. */
  applyRoleArn: string;
  managementAccount: string;
}

function table(scope: Construct, id: string, props: dynamodb.TableProps): dynamodb.Table {
  return new dynamodb.Table(scope, id, {
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
    ...props,
  });
}

/**
 * The tables of the runtime, in the shapes the adapters use (the local runtime creates the same): the account
 * records with their sparse deadline index, the activities (TTL), Powertools idempotency (TTL), and the apply lock
 * of `spa apply` (README "What apply verifies"), which the apply role of the management account may use.
 */
export class RuntimeTables extends Construct {
  readonly records: dynamodb.Table;
  readonly activities: dynamodb.Table;
  readonly idempotency: dynamodb.Table;
  readonly applyLock: dynamodb.Table;
  readonly exceptions: dynamodb.Table;

  constructor(scope: Construct, id: string, props: RuntimeTablesProps) {
    super(scope, id);
    const S = dynamodb.AttributeType.STRING;
    this.records = table(this, 'Records', {
      tableName: props.names.recordsTable,
      partitionKey: { name: 'accountId', type: S },
    });
    this.records.addGlobalSecondaryIndex({
      indexName: props.names.deadlineIndex,
      partitionKey: { name: 'open', type: S },
      sortKey: { name: 'deadline', type: S },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    this.activities = table(this, 'Activities', {
      tableName: props.names.activitiesTable,
      partitionKey: { name: 'month', type: S },
      sortKey: { name: 'sk', type: S },
      timeToLiveAttribute: 'ttl',
    });
    this.idempotency = table(this, 'Idempotency', {
      tableName: props.names.idempotencyTable,
      partitionKey: { name: 'id', type: S },
      // Powertools' default expiry attribute.
      timeToLiveAttribute: 'expiration',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.exceptions = table(this, 'Exceptions', {
      tableName: props.names.exceptionsTable,
      partitionKey: { name: 'id', type: S },
      timeToLiveAttribute: 'ttl',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.applyLock = table(this, 'ApplyLock', {
      tableName: props.applyLockTable,
      partitionKey: { name: 'lockId', type: S },
      timeToLiveAttribute: 'ttl',
      removalPolicy: RemovalPolicy.DESTROY,
      resourcePolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'TheApplyRoleHoldsTheLock',
            principals: [new iam.AccountPrincipal(props.managementAccount)],
            actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
            resources: ['*'],
            conditions: { ArnEquals: { 'aws:PrincipalArn': props.applyRoleArn } },
          }),
        ],
      }),
    });
  }
}
