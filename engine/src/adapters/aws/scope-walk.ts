import type { Account, OrganizationalUnit } from '@aws-sdk/client-organizations';
import type {
  AccountSnapshot,
  ObservedAccount,
  ObservedOrganization,
  ObservedOu,
  Tags,
} from '../../observed/types.js';
import type { ScopeReadRequest } from '../../ports/organization.js';
import { toObserved } from './account-shapes.js';

/** The reads of the organization reader that a targeted read is made of. */
export interface ScopeReads {
  root(): Promise<string>;
  listOus(parentId: string): Promise<OrganizationalUnit[]>;
  listAccounts(parentId: string): Promise<Account[]>;
  accountWithParent(accountId: string): Promise<AccountSnapshot | undefined>;
  describeOu(ouId: string): Promise<{ name: string; parentId: string }>;
  tagsOf(resourceId: string): Promise<Tags>;
  creationsInProgress(): Promise<{ requestId: string; accountName: string }[]>;
}

/**
 * Only what a targeted plan needs: the OUs on the paths asked for (one list per OU on the way down), every
 * OU and account below the sub-trees, the accounts asked for by id (DescribeAccount and ListParents, and the
 * path of a parent met on no path by climbing it), their tags and those of the OUs asked for.
 */
export async function readScope(
  reader: ScopeReads,
  request: ScopeReadRequest,
): Promise<ObservedOrganization> {
  const rootId = await reader.root();
  const walk = new ScopeWalk(rootId, (id) => reader.listOus(id));
  for (const path of [...request.ouPaths, ...request.subtrees]) await walk.descend(path);
  const accounts = new Map<string, ObservedAccount>();
  await Promise.all(
    request.subtrees.map(async (root) => {
      const top = walk.ous.get(root);
      let level = top ? [top] : [];
      while (level.length > 0) {
        const next = await Promise.all(
          level.map(async (ou) => {
            const [kids, members] = await Promise.all([walk.children(ou.id), reader.listAccounts(ou.id)]);
            for (const a of members) accounts.set(a.Id!, toObserved(a, ou.id, ou.path));
            return kids.map((k) => walk.add(k, ou));
          }),
        );
        level = next.flat();
      }
    }),
  );
  const byId = request.accountIds.filter((id) => !accounts.has(id));
  let missing = false;
  await Promise.all(
    byId.map(async (id) => {
      const found = await reader.accountWithParent(id);
      if (!found) return void (missing = true);
      const ouPath = await walk.pathOf(found.parentId, (ouId) => reader.describeOu(ouId), request.ouHints);
      accounts.set(id, { ...found, ouPath });
    }),
  );
  await Promise.all([
    ...[...accounts.values()].map(async (a) => {
      a.tags = await reader.tagsOf(a.id);
    }),
    ...request.ouTagPaths.map(async (path) => {
      const ou = walk.ous.get(path);
      if (ou) ou.tags = await reader.tagsOf(ou.id);
    }),
  ]);
  // Only a plan that may create an account needs the creations in progress (not to create one twice).
  const creations = request.creations !== false || missing ? await reader.creationsInProgress() : [];
  return {
    organizationId: request.identity.organizationId,
    managementAccountId: request.identity.managementAccountId,
    rootId,
    ous: new Map([...walk.ous.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    accounts: [...accounts.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    creationsInProgress: creations.map((c) => c.accountName).sort(),
  };
}

/** The OUs a targeted read has met, by path and by id; one list call per parent at most. */
export class ScopeWalk {
  readonly ous = new Map<string, ObservedOu>();
  private readonly byId = new Map<string, ObservedOu>();
  private readonly lists = new Map<string, Promise<OrganizationalUnit[]>>();

  constructor(
    private readonly rootId: string,
    private readonly list: (parentId: string) => Promise<OrganizationalUnit[]>,
  ) {}

  children(parentId: string): Promise<OrganizationalUnit[]> {
    let p = this.lists.get(parentId);
    if (!p) this.lists.set(parentId, (p = this.list(parentId)));
    return p;
  }

  add(ou: OrganizationalUnit, parent: { id: string; path: string }): ObservedOu {
    const path = parent.path ? `${parent.path}/${ou.Name}` : ou.Name!;
    const known = this.ous.get(path);
    if (known) return known;
    const o: ObservedOu = { id: ou.Id!, name: ou.Name!, path, parentId: parent.id };
    this.ous.set(path, o);
    this.byId.set(o.id, o);
    return o;
  }

  /** Walks down from the root along `path`, as far as AWS has it. */
  async descend(path: string): Promise<void> {
    let parent = { id: this.rootId, path: '' };
    for (const name of path.split('/')) {
      const ou = (await this.children(parent.id)).find((o) => o.Name === name);
      if (!ou) return;
      parent = this.add(ou, parent);
    }
  }

  /**
   * The path of a root or OU id: met already, or the path a full plan saw (`hints`) when walking it down finds
   * this id there, else climbing through `describe`.
   */
  async pathOf(
    id: string,
    describe: (id: string) => Promise<{ name: string; parentId: string }>,
    hints?: ReadonlyMap<string, string>,
  ): Promise<string> {
    if (id === this.rootId) return '';
    const hint = this.byId.has(id) ? undefined : hints?.get(id);
    if (hint !== undefined) await this.descend(hint);
    const known = this.byId.get(id);
    if (known) return known.path;
    const { name, parentId } = await describe(id);
    const parentPath = await this.pathOf(parentId, describe);
    return this.add({ Id: id, Name: name }, { id: parentId, path: parentPath }).path;
  }
}
