import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { STSClient } from '@aws-sdk/client-sts';
import { callerIdentityOnce, explainAccessFailure } from './caller-identity.js';
import { gitopsPorts, type GitopsPorts } from './factories/gitops.js';
import {
  AwsCaller,
  DEFAULT_RETRY_POLICY,
  DEFAULT_UNREACHABLE_MS,
  type RetryNotice,
  type RetryPolicy,
} from './retry.js';
import { AwsSession, DEFAULT_REQUEST_TIMEOUT_MS, type AwsAccess } from './session.js';

export interface AwsPorts extends GitopsPorts {
  caller: AwsCaller;
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
  const session = AwsSession.open(access).asManagement(access.roleArn, 'spa-engine');
  const whoAmI = callerIdentityOnce(session.client(STSClient));
  const caller = new AwsCaller(policy, {
    ...(onRetry ? { onRetry } : {}),
    explain: (operation, error) => explainAccessFailure(operation, error, managementAccountId, whoAmI),
  });
  return { ...gitopsPorts(session, caller, managementAccountId), caller };
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
