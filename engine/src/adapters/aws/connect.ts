import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AccountManagement } from '../../ports/account-management.js';
import type { BudgetStore } from '../../ports/budgets.js';
import type { OrganizationReader, OrganizationWriter } from '../../ports/organization.js';
import type { PolicyStore } from '../../ports/policies.js';
import type { ApplyLock } from '../../ports/lock.js';
import { LocalApplyLock } from '../fs/local-lock.js';
import { AwsAccountManagement } from './account-management.js';
import { AwsBudgetStore } from './budget-store.js';
import { DynamoDbApplyLock } from './dynamodb-lock.js';
import { callerIdentityOnce, explainAccessFailure } from './caller-identity.js';
import { buildClients, DEFAULT_REQUEST_TIMEOUT_MS, type AwsAccess } from './clients.js';
import { AwsOrganizationReader } from './organization-reader.js';
import { AwsOrganizationWriter } from './organization-writer.js';
import { AwsPolicyStore } from './policy-store.js';
import {
  AwsCaller,
  DEFAULT_RETRY_POLICY,
  DEFAULT_UNREACHABLE_MS,
  type RetryNotice,
  type RetryPolicy,
} from './retry.js';

export interface AwsPorts {
  reader: OrganizationReader;
  writer: OrganizationWriter;
  budgets: BudgetStore;
  accountApi: AccountManagement;
  policies: PolicyStore;
  caller: AwsCaller;
  /** The apply lock of an organization: in the table of runtime.applyLockTable, else on this machine. */
  applyLock(organizationId: string, table: string | undefined, region: string): ApplyLock;
}

/**
 * The composition of the AWS adapters, for one management account. `onRetry` hears of each retry (the CLI
 * prints a line when AWS cannot be reached). A call refused the way member accounts are refused is explained
 * with the account the credentials belong to (STS GetCallerIdentity, asked only then).
 */
export function connectAws(
  access: AwsAccess,
  managementAccountId: string,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onRetry?: (notice: RetryNotice) => void,
): AwsPorts {
  const clients = buildClients(access);
  const whoAmI = callerIdentityOnce(clients.sts);
  const caller = new AwsCaller(policy, {
    ...(onRetry ? { onRetry } : {}),
    explain: (operation, error) => explainAccessFailure(operation, error, managementAccountId, whoAmI),
  });
  return {
    reader: new AwsOrganizationReader(clients.organizations, caller),
    writer: new AwsOrganizationWriter(clients.organizations, caller),
    budgets: new AwsBudgetStore(clients.budgets, caller, managementAccountId),
    accountApi: new AwsAccountManagement(clients.account, clients.organizations, caller, managementAccountId),
    policies: new AwsPolicyStore(clients.organizations, caller),
    caller,
    applyLock(organizationId, table, region) {
      if (!table) return new LocalApplyLock(organizationId);
      // A table ARN names its own region (and account).
      const arnRegion = /^arn:[^:]+:dynamodb:([^:]+):/.exec(table)?.[1];
      return new DynamoDbApplyLock(clients.dynamodb(arnRegion ?? region), caller, table, organizationId);
    },
  };
}

/**
 * AWS access from an environment (the process's, or a test's): AWS_ENDPOINT_URL, static keys or the standard
 * chain with AWS_PROFILE, and the tuning knobs of retries (SPA_AWS_*), which tests use to stay fast.
 */
export function accessFromEnv(
  env: Record<string, string | undefined>,
  settings: { region: string; managementRoleArn?: string | undefined },
): { access: AwsAccess; policy: RetryPolicy } {
  const access: AwsAccess = { region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? settings.region };
  const endpoint = env.AWS_ENDPOINT_URL_ORGANIZATIONS ?? env.AWS_ENDPOINT_URL;
  if (endpoint) access.endpoint = endpoint;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    access.credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  } else {
    access.credentials = fromNodeProviderChain(env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {});
  }
  if (settings.managementRoleArn) access.roleArn = settings.managementRoleArn;
  const number = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  const policy: RetryPolicy = {
    maxAttempts: Math.max(1, number('SPA_AWS_MAX_ATTEMPTS', DEFAULT_RETRY_POLICY.maxAttempts)),
    baseDelayMs: number('SPA_AWS_RETRY_BASE_MS', DEFAULT_RETRY_POLICY.baseDelayMs),
    maxDelayMs: number('SPA_AWS_RETRY_MAX_MS', DEFAULT_RETRY_POLICY.maxDelayMs),
    readConcurrency: Math.max(1, number('SPA_AWS_READ_CONCURRENCY', DEFAULT_RETRY_POLICY.readConcurrency)),
    writeConcurrency: Math.max(1, number('SPA_AWS_WRITE_CONCURRENCY', DEFAULT_RETRY_POLICY.writeConcurrency)),
    unreachableMs: number('SPA_AWS_UNREACHABLE_MS', DEFAULT_UNREACHABLE_MS),
  };
  if (env.SPA_AWS_TIMEOUT_MS)
    access.requestTimeoutMs = Math.max(1, number('SPA_AWS_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS));
  return { access, policy };
}
