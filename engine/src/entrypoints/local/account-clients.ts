import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { buildRuntimeClients, type AwsAccess } from '../../adapters/aws/clients.js';

/**
 * Clients of an account of the emulator, as the role its events would be put with: the management role in the
 * management account, the account's own role elsewhere (moto answers every AssumeRole).
 */
export function accountClients(
  access: AwsAccess,
  region: string,
  accountId: string,
  aws: { managementAccountId: string; managementRoleArn?: string | undefined },
) {
  const roleArn =
    accountId === aws.managementAccountId && aws.managementRoleArn
      ? aws.managementRoleArn
      : `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`;
  const credentials = fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: 'spa-local-runtime', DurationSeconds: 3600 },
    ...(access.credentials ? { masterCredentials: access.credentials } : {}),
    clientConfig: { region, ...(access.endpoint ? { endpoint: access.endpoint } : {}) },
  });
  return buildRuntimeClients({ ...access, region, credentials });
}
