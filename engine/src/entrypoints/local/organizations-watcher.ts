import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { ObservedAccount } from '../../observed/types.js';
import type { OrganizationReader } from '../../ports/organization.js';
import { createAccountResult, moveAccount, tagResource, type CloudTrailEntry } from './cloudtrail-events.js';

/**
 * Plays CloudTrail for Organizations: reads the organization at each tick and puts on the bus the events of what
 * changed since the last tick (CreateAccountResult for a new account, MoveAccount for a new parent, TagResource
 * for changed tags) of the management account, as its forwarding rule would. The first tick only looks.
 */
export class OrganizationsWatcher {
  private last: Map<string, ObservedAccount> | undefined;
  accounts: ObservedAccount[] = [];

  constructor(
    private readonly reader: Pick<OrganizationReader, 'readOrganization'>,
    /** The bus of the management account, carried to the central bus (bus-relay.ts). */
    private readonly bus: () => Promise<EventBridgeClient>,
    private readonly managementAccountId: string,
  ) {}

  /** Returns the number of events put. */
  async tick(): Promise<number> {
    const org = await this.reader.readOrganization({ ouTagPaths: new Set() });
    const now = new Map(org.accounts.map((a) => [a.id, a]));
    const entries: CloudTrailEntry[] = [];
    if (this.last) {
      for (const a of org.accounts) {
        const before = this.last.get(a.id);
        if (!before) {
          entries.push(createAccountResult(this.managementAccountId, a.id));
          if (a.parentId !== org.rootId)
            entries.push(moveAccount(this.managementAccountId, a.id, org.rootId, a.parentId));
        } else if (before.parentId !== a.parentId)
          entries.push(moveAccount(this.managementAccountId, a.id, before.parentId, a.parentId));
        const changed = Object.fromEntries(
          Object.entries(a.tags).filter(([k, v]) => (before?.tags[k] ?? undefined) !== v),
        );
        if (Object.keys(changed).length > 0)
          entries.push(tagResource(this.managementAccountId, a.id, changed));
      }
    }
    this.last = now;
    this.accounts = org.accounts;
    for (let i = 0; i < entries.length; i += 10) {
      const out = await (await this.bus()).send(new PutEventsCommand({ Entries: entries.slice(i, i + 10) }));
      if ((out.FailedEntryCount ?? 0) > 0)
        throw new Error(`PutEvents refused ${out.FailedEntryCount} event(s)`);
    }
    return entries.length;
  }
}
