import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
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
  /** Per-request timeout. */
  requestTimeoutMs?: number;
}

export interface AwsClients {
  organizations: OrganizationsClient;
  budgets: BudgetsClient;
  /** DynamoDB in a region (the apply lock table's). */
  dynamodb(region: string): DynamoDBClient;
  /** Cost Explorer of the management account (a global service, in us-east-1). */
  costExplorer: CostExplorerClient;
  /** Secrets Manager in the runtime's region (the GitHub App of the reports). */
  secretsManager: SecretsManagerClient;
}

/** Every SDK client of the engine is built here, with one configuration. Retries are the caller's (retry.ts). */
export function buildClients(access: AwsAccess): AwsClients {
  const base = {
    region: access.region,
    maxAttempts: 1,
    requestHandler: { requestTimeout: access.requestTimeoutMs ?? 30_000, connectionTimeout: 10_000 },
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
  };
  const credentials = access.roleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: access.roleArn, RoleSessionName: 'spa-engine', DurationSeconds: 3600 },
        ...(access.credentials ? { masterCredentials: access.credentials } : {}),
        clientConfig: { region: access.region, ...(access.endpoint ? { endpoint: access.endpoint } : {}) },
      })
    : access.credentials;
  const config = credentials ? { ...base, credentials } : base;
  // Organizations, Budgets and Cost Explorer only answer in us-east-1 (their global endpoints).
  return {
    organizations: new OrganizationsClient({ ...config, region: 'us-east-1' }),
    budgets: new BudgetsClient({ ...config, region: 'us-east-1' }),
    dynamodb: (region) => new DynamoDBClient({ ...config, region }),
    costExplorer: new CostExplorerClient({ ...config, region: 'us-east-1' }),
    secretsManager: new SecretsManagerClient(config),
  };
}
