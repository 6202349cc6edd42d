import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { EngineError } from '../../domain/errors.js';

/**
 * What a member account's credentials get from Organizations: DescribeOrganization answers (so the identity
 * check passes), then the reads of the tree are refused (AccessDenied in AWS; ParentNotFound in moto, which
 * hands a member the root of its organization but none of its OUs).
 */
const MEMBER_SYMPTOMS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'ParentNotFoundException',
  'AWSOrganizationsNotInUseException',
]);

export interface CallerIdentity {
  account: string;
  arn: string;
}

/** Asks STS once who the credentials are, and keeps the answer (undefined when STS cannot tell). */
export function callerIdentityOnce(sts: STSClient): () => Promise<CallerIdentity | undefined> {
  let answer: Promise<CallerIdentity | undefined> | undefined;
  return () =>
    (answer ??= sts.send(new GetCallerIdentityCommand({})).then(
      (out) => (out.Account ? { account: out.Account, arn: out.Arn ?? '' } : undefined),
      () => undefined,
    ));
}

/**
 * When an Organizations call is refused the way it is for a member account, and STS says the credentials are
 * not those of the management account, the error says so, and which account they are. Otherwise undefined: the
 * error of AWS stands.
 */
export async function explainAccessFailure(
  operation: string,
  error: unknown,
  managementAccountId: string,
  whoAmI: () => Promise<CallerIdentity | undefined>,
): Promise<EngineError | undefined> {
  const name = (error as { name?: string }).name ?? '';
  if (!MEMBER_SYMPTOMS.has(name)) return undefined;
  const identity = await whoAmI();
  if (!identity || identity.account === managementAccountId) return undefined;
  const standalone = name === 'AWSOrganizationsNotInUseException';
  return new EngineError(
    'aws-not-management-account',
    standalone
      ? `the credentials are those of account ${identity.account} (${identity.arn}), which belongs to no organization; ${operation} answered ${name}`
      : `the credentials are those of account ${identity.account} (${identity.arn}), not of the management account${managementAccountId ? ` ${managementAccountId}` : ''}; ${operation} answered ${name}`,
    {
      source: 'user',
      cause: error,
      hint: managementAccountId
        ? `the engine reads and changes the organization with the credentials of its management account (${managementAccountId}) or of a role in it: set aws.managementRoleArn in settings.yaml to a role of account ${managementAccountId}, or use a profile or CI role of that account`
        : 'use the credentials of the management account of the organization, or a role in it (spa import --management-role-arn)',
    },
  );
}
