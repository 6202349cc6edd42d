import { EngineError } from '../domain/errors.js';
import type { ObservedAccount, OrganizationIdentity } from '../observed/types.js';
import type { OrganizationReader, ReadProgress } from '../ports/organization.js';

/** Refuses credentials that reach another organization, before any cost is read. */
async function checkedIdentity(reader: OrganizationReader, managementAccountId: string): Promise<OrganizationIdentity> {
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
  return identity;
}

/**
 * Every account of the organization with its name, status and OU path, closed ones included, without tags: listing
 * pages only (the OUs level by level, then the accounts of each parent, 20 a page in AWS), none per account.
 */
export async function organizationListing(
  reader: OrganizationReader,
  managementAccountId: string,
  progress?: ReadProgress,
): Promise<ObservedAccount[]> {
  await checkedIdentity(reader, managementAccountId);
  const tree = await reader.readOuTree();
  const parents = [{ id: tree.rootId, path: '' }, ...[...tree.ous.values()].map((ou) => ({ id: ou.id, path: ou.path }))];
  const accounts: ObservedAccount[] = [];
  await Promise.all(
    parents.map(async (parent) => {
      for (const a of await reader.accountsIn(parent.id)) accounts.push({ ...a, ouPath: parent.path });
      progress?.({ ous: tree.ous.size, accounts: accounts.length, tagsRead: 0, tagsTotal: 0 });
    }),
  );
  return accounts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
