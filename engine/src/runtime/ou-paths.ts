import type { ObservedOu } from '../observed/types.js';
import type { OrganizationReader } from '../ports/organization.js';
import type { OuPathIndex } from '../ports/ou-paths.js';

/**
 * The OU tree of the organization, read once per container and again when an OU id is unknown (an OU created
 * since) or the copy is older than `maxAgeMs`.
 */
export class OuPaths implements OuPathIndex {
  private tree: { rootId: string; ous: Map<string, ObservedOu>; byId: Map<string, string> } | undefined;
  private readAt = 0;

  constructor(
    private readonly reader: Pick<OrganizationReader, 'readOuTree'>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The path of a root or OU id ('' for the root), or undefined when the organization has no such parent. */
  async pathOf(parentId: string): Promise<string | undefined> {
    let tree = await this.current(false);
    if (parentId === tree.rootId) return '';
    if (!tree.byId.has(parentId)) tree = await this.current(true);
    return parentId === tree.rootId ? '' : tree.byId.get(parentId);
  }

  /** Every OU by path. */
  async all(): Promise<Map<string, ObservedOu>> {
    return (await this.current(false)).ous;
  }

  private async current(refresh: boolean) {
    if (!this.tree || refresh || this.now() - this.readAt > this.maxAgeMs) {
      const { rootId, ous } = await this.reader.readOuTree();
      this.tree = { rootId, ous, byId: new Map([...ous.values()].map((ou) => [ou.id, ou.path])) };
      this.readAt = this.now();
    }
    return this.tree;
  }
}
