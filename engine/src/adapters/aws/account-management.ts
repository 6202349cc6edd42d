import {
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  PutAccountNameCommand,
  PutAlternateContactCommand,
  type AccountClient,
  type AlternateContactType,
} from '@aws-sdk/client-account';
import {
  ListAWSServiceAccessForOrganizationCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { Contact, ContactType, ObservedContacts } from '../../observed/types.js';
import type { AccountManagement } from '../../ports/account-management.js';
import type { AwsCaller } from './retry.js';
import { errorName } from './aws-errors.js';

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

  async readContacts(accountId: string, types: readonly ContactType[]): Promise<ObservedContacts> {
    const out: ObservedContacts = {};
    await Promise.all(
      types.map(async (type) => {
        try {
          const answer = await this.caller.read('GetAlternateContact', () =>
            this.account.send(
              new GetAlternateContactCommand({
                ...this.about(accountId),
                AlternateContactType: awsType(type),
              }),
            ),
          );
          const c = answer.AlternateContact;
          out[type] = c
            ? {
                name: c.Name ?? '',
                title: c.Title ?? '',
                email: c.EmailAddress ?? '',
                phone: c.PhoneNumber ?? '',
              }
            : null;
        } catch (error) {
          if (!isNotFound(error)) throw error;
          out[type] = null;
        }
      }),
    );
    return out;
  }

  async putContact(accountId: string, type: ContactType, contact: Contact): Promise<void> {
    await this.caller.write('PutAlternateContact', () =>
      this.account.send(
        new PutAlternateContactCommand({
          ...this.about(accountId),
          AlternateContactType: awsType(type),
          Name: contact.name,
          Title: contact.title,
          EmailAddress: contact.email,
          PhoneNumber: contact.phone,
        }),
      ),
    );
  }

  async deleteContact(accountId: string, type: ContactType): Promise<boolean> {
    try {
      await this.caller.write('DeleteAlternateContact', () =>
        this.account.send(
          new DeleteAlternateContactCommand({
            ...this.about(accountId),
            AlternateContactType: awsType(type),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private about(accountId: string): { AccountId?: string } {
    return accountId === this.managementAccountId ? {} : { AccountId: accountId };
  }
}

function awsType(type: ContactType): AlternateContactType {
  return type.toUpperCase() as AlternateContactType;
}

/** The API answers ResourceNotFoundException for a type of contact the account does not have. */
function isNotFound(error: unknown): boolean {
  return errorName(error) === 'ResourceNotFoundException';
}
