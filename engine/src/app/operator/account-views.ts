import type { DesiredIndex } from '../../desired/index-of.js';
import type { AccountView } from '../../lifecycle/account-view.js';
import type { OrganizationReader } from '../../ports/organization.js';
import type { AccountRecords } from '../../ports/records.js';
import { managedSettings } from '../runtime/account-context.js';

/** Every account of the organization with its settings and record: one read of the tree and of the table. */
export async function accountViews(
  deps: { reader: Pick<OrganizationReader, 'readOrganization'>; records: Pick<AccountRecords, 'list'> },
  index: DesiredIndex,
): Promise<AccountView[]> {
  const [org, records] = await Promise.all([
    deps.reader.readOrganization({ ouTagPaths: new Set() }),
    deps.records.list(),
  ]);
  const byId = new Map(records.map((r) => [r.accountId, r]));
  const published = { index, buildspecs: {}, etag: '' };
  return org.accounts.map((a) => ({
    id: a.id,
    name: a.name,
    email: a.email,
    ouPath: a.ouPath,
    status: a.status,
    tags: a.tags,
    settings: managedSettings(published, a, a.ouPath),
    record: byId.get(a.id),
  }));
}
