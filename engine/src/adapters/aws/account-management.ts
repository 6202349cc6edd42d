import { PutAccountNameCommand, type AccountClient } from '@aws-sdk/client-account';
import {
  ListAWSServiceAccessForOrganizationCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AccountManagement } from '../../ports/account-management.js';
import type { AwsCaller } from './retry.js';

/** The service principal of AWS Account Management, whose trusted access the organization must enable. */
export const ACCOUNT_SERVICE_PRINCIPAL = 'account.amazonaws.com';

/**
 * The Account Management API from the management account. The API refuses an AccountId equal to the
 * caller's own account: calls about the management account go without it.
 */
export class AwsAccountManagement implements AccountManagement {
  constructor(
    private readonly account: AccountClient,
    private readonly organizations: OrganizationsClient,
    private readonly caller: AwsCaller,
    private readonly managementAccountId: string,
  ) {}

  async trustedAccess(): Promise<boolean> {
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListAWSServiceAccessForOrganization', () =>
        this.organizations.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken: token })),
      );
      if ((page.EnabledServicePrincipals ?? []).some((s) => s.ServicePrincipal === ACCOUNT_SERVICE_PRINCIPAL))
        return true;
      token = page.NextToken;
    } while (token);
    return false;
  }

  async putAccountName(accountId: string, name: string): Promise<void> {
    await this.caller.write('PutAccountName', () =>
      this.account.send(new PutAccountNameCommand({ ...this.about(accountId), AccountName: name })),
    );
  }

  private about(accountId: string): { AccountId?: string } {
    return accountId === this.managementAccountId ? {} : { AccountId: accountId };
  }
}
