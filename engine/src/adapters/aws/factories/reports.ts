import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CostExplorer } from '../../../ports/cost-explorer.js';
import type { OrganizationReader } from '../../../ports/organization.js';
import { AwsCostExplorer } from '../cost-explorer.js';
import { AwsCaller, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry.js';
import { readSecret } from '../secrets.js';
import { GLOBAL_REGION, type AwsSession } from '../session.js';
import type { BudgetLimit } from '../../../ports/budgets.js';
import { organizationReader } from './gitops.js';
import { AwsBudgetStore } from '../budget-store.js';
import { BudgetsClient } from '@aws-sdk/client-budgets';

/**
 * Cost Explorer of the management account (a global service, in us-east-1), from its session; `gate` is asked
 * before each request (the exceptions handler's daily budget of requests).
 */
export const costExplorer = (
  session: AwsSession,
  caller: AwsCaller,
  maxRequests: number,
  gate?: () => Promise<boolean>,
): CostExplorer =>
  new AwsCostExplorer(
    session.client(CostExplorerClient, { region: GLOBAL_REGION }),
    caller,
    maxRequests,
    gate,
  );

/** The value of a secret of Secrets Manager in the session's region (the GitHub App of the reports). */
export const secretReader =
  (session: AwsSession, caller: AwsCaller) =>
  (name: string): Promise<string> =>
    readSecret(session.client(SecretsManagerClient), caller, name);

export interface ReportPorts {
  reader: OrganizationReader;
  costs: CostExplorer;
  caller: AwsCaller;
  secret(name: string): Promise<string>;
  /** The monthly budgets of the management account whose names start with `prefix` (paged DescribeBudgets). */
  budgetLimits(managementAccountId: string, prefix: string): Promise<BudgetLimit[]>;
}

/** The AWS side of the reports: the organization (cost centers, OUs), Cost Explorer and Secrets Manager. */
export function reportPorts(
  session: AwsSession,
  maxCostRequests: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): ReportPorts {
  const caller = new AwsCaller(policy);
  return {
    reader: organizationReader(session, caller),
    costs: costExplorer(session, caller, maxCostRequests),
    caller,
    secret: secretReader(session, caller),
    budgetLimits: (account, prefix) =>
      new AwsBudgetStore(
        session.client(BudgetsClient, { region: GLOBAL_REGION }),
        caller,
        account,
      ).budgetLimits(prefix),
  };
}
