import { ListAccountsForParentCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AccountStatus } from '../../observed/types.js';
import type { AccountPages } from '../../ports/account-pages.js';
import type { AwsCaller } from './retry.js';

/** ListAccountsForParent one page at a time: the maintenance fan-out does one page per message. */
export class AwsAccountPages implements AccountPages {
  constructor(
    private readonly client: OrganizationsClient,
    private readonly caller: AwsCaller,
  ) {}

  async page(parentId: string, nextToken?: string) {
    const out = await this.caller.read('ListAccountsForParent', () =>
      this.client.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken: nextToken })),
    );
    const accounts = (out.Accounts ?? []).map((a) => {
      const s = String(a.State ?? a.Status ?? 'ACTIVE');
      const status: AccountStatus =
        s === 'ACTIVE' ? 'ACTIVE' : s === 'PENDING_CLOSURE' ? 'PENDING_CLOSURE' : 'SUSPENDED';
      return {
        id: a.Id ?? '',
        name: a.Name ?? '',
        email: (a.Email ?? '').toLowerCase(),
        status,
        parentId,
        tags: {},
      };
    });
    return out.NextToken ? { accounts, nextToken: out.NextToken } : { accounts };
  }
}
