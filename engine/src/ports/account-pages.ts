import type { AccountSnapshot } from '../observed/types.js';

/** One page of the accounts directly in an OU (ListAccountsForParent), without their tags. */
export interface AccountPages {
  page(parentId: string, nextToken?: string): Promise<{ accounts: AccountSnapshot[]; nextToken?: string }>;
}
