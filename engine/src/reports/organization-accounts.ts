import { EngineError } from '../domain/errors.js';
import type { ObservedAccount } from '../observed/types.js';
import type { OrganizationReader, ReadProgress } from '../ports/organization.js';

/**
 * Every account of the organization of settings.yaml, with tags and OU path, closed ones included. Refuses
 * credentials that reach another organization, before any cost is read.
 */
export async function organizationAccounts(
  reader: OrganizationReader,
  managementAccountId: string,
  progress?: ReadProgress,
): Promise<ObservedAccount[]> {
  const identity = await reader.identity();
  if (identity.managementAccountId !== managementAccountId)
    throw new EngineError(
      'wrong-organization',
      `the credentials reach organization ${identity.organizationId}, whose management account is ${identity.managementAccountId}, but settings.yaml says ${managementAccountId}`,
      {
        source: 'user',
        hint: 'use the credentials (AWS_PROFILE, role) of the right organization, or correct aws.managementAccountId',
      },
    );
  const observed = await reader.readOrganization({
    identity,
    ouTagPaths: new Set(),
    ...(progress ? { progress } : {}),
  });
  return observed.accounts;
}
