import { runtimeClients } from '../../adapters/aws/runtime-access.js';
import type { AwsSession } from '../../adapters/aws/session.js';

/**
 * Clients of an account of the emulator, as the role its events would be put with: the management role in the
 * management account, the account's own role elsewhere (moto answers every AssumeRole).
 */
export function accountClients(
  management: AwsSession,
  region: string,
  accountId: string,
  aws: { managementAccountId: string; managementRoleArn?: string | undefined },
) {
  const roleArn =
    accountId === aws.managementAccountId && aws.managementRoleArn
      ? aws.managementRoleArn
      : `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`;
  return runtimeClients(management.in(region).as(roleArn, 'spa-local-runtime'));
}
