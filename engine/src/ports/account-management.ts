/**
 * The AWS Account Management API (account.amazonaws.com), called from the management account for member
 * accounts. It works only while the organization gives AWS Account Management trusted access.
 */
export interface AccountManagement {
  /** Whether trusted access for account.amazonaws.com is enabled (ListAWSServiceAccessForOrganization). */
  trustedAccess(): Promise<boolean>;
  putAccountName(accountId: string, name: string): Promise<void>;
}
