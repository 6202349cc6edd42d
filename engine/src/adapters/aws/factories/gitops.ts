import { AccountClient } from '@aws-sdk/client-account';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AccountManagement } from '../../../ports/account-management.js';
import type { BudgetStore } from '../../../ports/budgets.js';
import type { ApplyLock } from '../../../ports/lock.js';
import type { OrganizationReader, OrganizationWriter } from '../../../ports/organization.js';
import type { PolicyStore } from '../../../ports/policies.js';
import { LocalApplyLock } from '../../fs/local-lock.js';
import { AwsAccountManagement } from '../account-management.js';
import { AwsBudgetStore } from '../budget-store.js';
import { DynamoDbApplyLock } from '../dynamodb-lock.js';
import { AwsOrganizationReader } from '../organization-reader.js';
import { AwsOrganizationWriter } from '../organization-writer.js';
import { AwsPolicyStore } from '../policy-store.js';
import type { AwsCaller } from '../retry.js';
import { GLOBAL_REGION, type AwsSession } from '../session.js';

/**
 * The ports of the organization, from a session of the management account (its role when settings.yaml gives
 * one). Organizations, Account Management and Budgets answer in us-east-1 only.
 */
const global = { region: GLOBAL_REGION };

export const organizationReader = (session: AwsSession, caller: AwsCaller): OrganizationReader =>
  new AwsOrganizationReader(session.client(OrganizationsClient, global), caller);

export const organizationWriter = (session: AwsSession, caller: AwsCaller): OrganizationWriter =>
  new AwsOrganizationWriter(session.client(OrganizationsClient, global), caller);

export const budgetStore = (
  session: AwsSession,
  caller: AwsCaller,
  managementAccountId: string,
): BudgetStore => new AwsBudgetStore(session.client(BudgetsClient, global), caller, managementAccountId);

export const accountApi = (
  session: AwsSession,
  caller: AwsCaller,
  managementAccountId: string,
): AccountManagement =>
  new AwsAccountManagement(
    session.client(AccountClient, global),
    session.client(OrganizationsClient, global),
    caller,
    managementAccountId,
  );

export const policyStore = (session: AwsSession, caller: AwsCaller): PolicyStore =>
  new AwsPolicyStore(session.client(OrganizationsClient, global), caller);

/** The apply lock of an organization: in the table of runtime.applyLockTable, else on this machine. */
export function applyLock(
  session: AwsSession,
  caller: AwsCaller,
  lock: { organizationId: string; table: string | undefined; region: string },
): ApplyLock {
  if (!lock.table) return new LocalApplyLock(lock.organizationId);
  // A table ARN names its own region (and account).
  const region = /^arn:[^:]+:dynamodb:([^:]+):/.exec(lock.table)?.[1] ?? lock.region;
  return new DynamoDbApplyLock(
    session.client(DynamoDBClient, { region }),
    caller,
    lock.table,
    lock.organizationId,
  );
}

export interface GitopsPorts {
  reader: OrganizationReader;
  writer: OrganizationWriter;
  budgets: BudgetStore;
  accountApi: AccountManagement;
  policies: PolicyStore;
  /** The apply lock of an organization: in the table of runtime.applyLockTable, else on this machine. */
  applyLock(organizationId: string, table: string | undefined, region: string): ApplyLock;
}

/** Every port of plan and apply, for one management account. */
export function gitopsPorts(
  session: AwsSession,
  caller: AwsCaller,
  managementAccountId: string,
): GitopsPorts {
  return {
    reader: organizationReader(session, caller),
    writer: organizationWriter(session, caller),
    budgets: budgetStore(session, caller, managementAccountId),
    accountApi: accountApi(session, caller, managementAccountId),
    policies: policyStore(session, caller),
    applyLock: (organizationId, table, region) =>
      applyLock(session, caller, { organizationId, table, region }),
  };
}
