import { AccountClient } from '@aws-sdk/client-account';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { CONTROL_TOWER_ROLE } from '../../domain/runtime-names.js';
import { withCallContext, type CallWait } from './call-context.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Where and as whom the engine talks to AWS. Built by the entry points from the environment and settings.yaml. */
export interface AwsAccess {
  /** Region of the SDK clients (Organizations and Budgets are global services). */
  region: string;
  /** An endpoint for every service (the emulator); the SDK also reads AWS_ENDPOINT_URL by itself. */
  endpoint?: string;
  /** Explicit credentials; otherwise the standard chain (environment, profile, SSO, web identity). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A role to assume in the management account first (settings.yaml aws.managementRoleArn). */
  roleArn?: string;
  /** How long one request may wait for AWS (to connect, to answer, between two bytes of the answer). */
  requestTimeoutMs?: number;
  /** Told when a request has waited WAIT_NOTICE_MS for its answer (the CLI prints a line). */
  onWait?: (wait: CallWait) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface AwsClients {
  organizations: OrganizationsClient;
  /** The Account Management API (alternate contacts, account names). */
  account: AccountClient;
  budgets: BudgetsClient;
  /** DynamoDB in a region (the apply lock table's). */
  dynamodb(region: string): DynamoDBClient;
  /** Who the credentials are, to explain a refusal (caller-identity.ts). */
  sts: STSClient;
  /** Cost Explorer of the management account (a global service, in us-east-1). */
  costExplorer: CostExplorerClient;
  /** Secrets Manager in the runtime's region (the GitHub App of the reports). */
  secretsManager: SecretsManagerClient;
}

/**
 * The request handler of every client: each request ends. Without throwOnRequestTimeout the SDK only logs a
 * warning when requestTimeout passes, and a silent endpoint keeps the call waiting forever; socketTimeout
 * ends an answer that stops halfway.
 */
export function requestHandlerOptions(timeoutMs: number) {
  return {
    requestTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    connectionTimeout: Math.min(timeoutMs, 10_000),
    throwOnRequestTimeout: true,
  };
}

/**
 * The STS client that assumes a role for the credentials of another client: its requests end like theirs, and
 * are tried once (the call that needed the credentials is retried, or redelivered, as a whole).
 */
export function assumeRoleClientConfig(access: AwsAccess, region = access.region) {
  return {
    region,
    maxAttempts: 1,
    requestHandler: requestHandlerOptions(access.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
  };
}

/** Every SDK client of the engine is built here, with one configuration. Retries are the caller's (retry.ts). */
/** Marks a client's errors with the call and the endpoint, and says when a request keeps waiting. */
function tracer(access: AwsAccess) {
  return <C extends { middlewareStack: unknown }>(client: C): C =>
    withCallContext(client, access.onWait, access.endpoint);
}

export function buildClients(access: AwsAccess): AwsClients {
  const w = tracer(access);
  const base = {
    region: access.region,
    maxAttempts: 1,
    requestHandler: requestHandlerOptions(access.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
  };
  const credentials = access.roleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: access.roleArn, RoleSessionName: 'spa-engine', DurationSeconds: 3600 },
        ...(access.credentials ? { masterCredentials: access.credentials } : {}),
        // AssumeRole runs inside the first call: same timeouts, and the caller's retries only.
        clientConfig: base,
      })
    : access.credentials;
  const config = credentials ? { ...base, credentials } : base;
  // Organizations, Account Management, Budgets and Cost Explorer only answer in us-east-1 (their global endpoints).
  return {
    organizations: w(new OrganizationsClient({ ...config, region: 'us-east-1' })),
    account: w(new AccountClient({ ...config, region: 'us-east-1' })),
    budgets: w(new BudgetsClient({ ...config, region: 'us-east-1' })),
    dynamodb: (region) => w(new DynamoDBClient({ ...config, region })),
    sts: w(new STSClient(config)),
    costExplorer: w(new CostExplorerClient({ ...config, region: 'us-east-1' })),
    secretsManager: w(new SecretsManagerClient(config)),
  };
}

/** The clients of the runtime in the automation account (its region), for the Lambdas and the local runtime. */
export interface RuntimeClients {
  /** Organizations, as the management role when settings.yaml gives one. */
  organizations: OrganizationsClient;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  s3: S3Client;
  scheduler: SchedulerClient;
  dynamodb: DynamoDBClient;
  sts: STSClient;
  /** CodeBuild in a member account, as the role `roleName` there (reached from the management role if any). */
  codebuildIn(accountId: string, roleName: string): CodeBuildClient;
}

/** The configuration of the runtime's clients: one attempt (the queues redeliver), bounded waits. */
function runtimeBase(access: AwsAccess) {
  return {
    region: access.region,
    maxAttempts: 1,
    requestHandler: requestHandlerOptions(access.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
    ...(access.credentials ? { credentials: access.credentials } : {}),
  };
}

export function buildRuntimeClients(access: AwsAccess, managementRoleArn?: string): RuntimeClients {
  const w = tracer(access);
  const base = runtimeBase(access);
  const clientConfig = assumeRoleClientConfig(access);
  const management = managementRoleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: managementRoleArn, RoleSessionName: 'spa-runtime', DurationSeconds: 3600 },
        ...(access.credentials ? { masterCredentials: access.credentials } : {}),
        clientConfig,
      })
    : access.credentials;
  const codebuild = new Map<string, CodeBuildClient>();
  return {
    organizations: withCallContext(
      new OrganizationsClient({
        ...base,
        region: 'us-east-1',
        ...(management ? { credentials: management } : {}),
      }),
    ),
    eventBridge: w(new EventBridgeClient(base)),
    sqs: w(new SQSClient(base)),
    s3: w(new S3Client({ ...base, forcePathStyle: access.endpoint !== undefined })),
    scheduler: w(new SchedulerClient(base)),
    dynamodb: w(new DynamoDBClient(base)),
    sts: w(new STSClient(base)),
    codebuildIn(accountId, roleName) {
      const key = `${accountId}/${roleName}`;
      let client = codebuild.get(key);
      if (!client) {
        // AWSControlTowerExecution trusts the management account: chain through its role. SPA's own member role
        // trusts the runtime's roles in the automation account only: assume it with the runtime's credentials.
        const master = roleName === CONTROL_TOWER_ROLE ? management : access.credentials;
        const credentials = fromTemporaryCredentials({
          params: {
            RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
            RoleSessionName: 'spa-lifecycle',
            DurationSeconds: 3600,
          },
          ...(master ? { masterCredentials: master } : {}),
          clientConfig,
        });
        client = w(new CodeBuildClient({ ...base, credentials }));
        codebuild.set(key, client);
      }
      return client;
    },
  };
}

/**
 * The clients of the exceptions handler in the automation account, apart from the lifecycle's so that only its
 * bundle holds them: Cost Explorer as the management role, Secrets Manager, SES v2, and SNS (the budget topic,
 * which the local runtime creates).
 */
export interface ExceptionClients {
  costExplorer: CostExplorerClient;
  /** AWS Budgets of the management account (is a budget alert's budget ours?), as the management role. */
  budgets: BudgetsClient;
  secretsManager: SecretsManagerClient;
  ses: SESv2Client;
  sns: SNSClient;
}

export function buildExceptionClients(access: AwsAccess, managementRoleArn?: string): ExceptionClients {
  const w = tracer(access);
  const base = runtimeBase(access);
  const management = managementRoleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: managementRoleArn, RoleSessionName: 'spa-exceptions', DurationSeconds: 3600 },
        ...(access.credentials ? { masterCredentials: access.credentials } : {}),
        clientConfig: assumeRoleClientConfig(access),
      })
    : undefined;
  return {
    costExplorer: withCallContext(
      new CostExplorerClient({
        ...base,
        region: 'us-east-1',
        ...(management ? { credentials: management } : {}),
      }),
    ),
    budgets: w(
      new BudgetsClient({
        ...base,
        region: 'us-east-1',
        ...(management ? { credentials: management } : {}),
      }),
    ),
    secretsManager: w(new SecretsManagerClient(base)),
    ses: w(new SESv2Client(base)),
    sns: w(new SNSClient(base)),
  };
}

/** The clients of spa doctor in one account (the management account, or the automation account). */
export interface DeploymentClients {
  organizations: OrganizationsClient;
  iam: IAMClient;
  s3: S3Client;
  cloudTrail(region: string): CloudTrailClient;
  cloudFormation(region: string): CloudFormationClient;
  eventBridge(region: string): EventBridgeClient;
  secretsManager(region: string): SecretsManagerClient;
  costExplorer: CostExplorerClient;
}

export function buildDeploymentClients(access: AwsAccess): DeploymentClients {
  const w = tracer(access);
  const base = {
    region: access.region,
    maxAttempts: 1,
    requestHandler: requestHandlerOptions(access.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
  };
  const credentials = access.roleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: access.roleArn, RoleSessionName: 'spa-doctor', DurationSeconds: 3600 },
        ...(access.credentials ? { masterCredentials: access.credentials } : {}),
        clientConfig: assumeRoleClientConfig(access),
      })
    : access.credentials;
  const config = credentials ? { ...base, credentials } : base;
  return {
    organizations: w(new OrganizationsClient({ ...config, region: 'us-east-1' })),
    iam: w(new IAMClient({ ...config, region: 'us-east-1' })),
    s3: w(new S3Client({ ...config, forcePathStyle: access.endpoint !== undefined })),
    cloudTrail: (region) => w(new CloudTrailClient({ ...config, region })),
    cloudFormation: (region) => w(new CloudFormationClient({ ...config, region })),
    eventBridge: (region) => w(new EventBridgeClient({ ...config, region })),
    secretsManager: (region) => w(new SecretsManagerClient({ ...config, region })),
    costExplorer: w(new CostExplorerClient({ ...config, region: 'us-east-1' })),
  };
}
