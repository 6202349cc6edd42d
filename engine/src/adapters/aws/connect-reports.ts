import type { BudgetLimit } from '../../ports/budgets.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import { AwsBudgetStore } from './budget-store.js';
import type { OrganizationReader } from '../../ports/organization.js';
import { buildClients, type AwsAccess } from './clients.js';
import { AwsCostExplorer } from './cost-explorer.js';
import { AwsOrganizationReader } from './organization-reader.js';
import { AwsCaller, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import { readSecret } from './secrets.js';

export interface ReportPorts {
  reader: OrganizationReader;
  costs: CostExplorer;
  caller: AwsCaller;
  secret(name: string): Promise<string>;
  /** The monthly budgets of the management account whose names start with `prefix` (paged DescribeBudgets). */
  budgetLimits(managementAccountId: string, prefix: string): Promise<BudgetLimit[]>;
}

/** The AWS side of the reports: the organization (cost centers, OUs), Cost Explorer and Secrets Manager. */
export function connectReports(
  access: AwsAccess,
  maxCostRequests: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): ReportPorts {
  const clients = buildClients(access);
  const caller = new AwsCaller(policy);
  return {
    reader: new AwsOrganizationReader(clients.organizations, caller),
    costs: new AwsCostExplorer(clients.costExplorer, caller, maxCostRequests),
    caller,
    secret: (name) => readSecret(clients.secretsManager, caller, name),
    budgetLimits: (account, prefix) =>
      new AwsBudgetStore(clients.budgets, caller, account).budgetLimits(prefix),
  };
}
