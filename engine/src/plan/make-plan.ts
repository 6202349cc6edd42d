import type { DesiredOrganization } from '../desired/types.js';
import { EngineError } from '../domain/errors.js';
import { budgetPrefix } from '../domain/names.js';
import type { AccountManagement } from '../ports/account-management.js';
import type { BudgetStore } from '../ports/budgets.js';
import type { Clock } from '../ports/clock.js';
import type { OrganizationIdentity } from '../observed/types.js';
import type { OrganizationReader, ReadProgress } from '../ports/organization.js';
import type { PolicyStore } from '../ports/policies.js';
import { buildPlan } from './build-plan.js';
import { readAccountApi } from './read-account-api.js';
import { planIndex } from './targeted.js';
import type { Plan } from './types.js';

export interface MakePlanInput {
  desired: DesiredOrganization;
  reader: OrganizationReader;
  budgets: BudgetStore;
  accountApi: AccountManagement;
  policies: PolicyStore;
  clock: Clock;
  progress?: ReadProgress;
  /** Called before each phase, for people watching. */
  phase?: (text: string) => void;
}

/**
 * `spa plan`: checks that the credentials reach the organization of settings.yaml before reading anything
 * else, reads the organization and the environment's budgets, and diffs them against the desired state.
 */
export async function makePlan(input: MakePlanInput): Promise<Plan> {
  const { desired } = input;
  const identity = await checkIdentity(input);
  input.phase?.('reading the organization');
  const observed = await input.reader.readOrganization({
    identity,
    ouTagPaths: new Set(desired.organizationalUnits.map((ou) => ou.path)),
    ...(input.progress ? { progress: input.progress } : {}),
  });
  input.phase?.('reading the budgets');
  const budgets = await input.budgets.listBudgets(budgetPrefix(desired.environment));
  const accountApi = await readAccountApi(input.accountApi, desired, observed, input.phase);
  input.phase?.('reading the service control policies');
  const policies = await input.policies.readPolicies({
    environment: desired.environment,
    ous: new Map(
      desired.organizationalUnits.flatMap((ou) => {
        const id = observed.ous.get(ou.path)?.id;
        return id ? [[ou.path, id] as const] : [];
      }),
    ),
    withAttachments: desired.organizationalUnits.some((ou) => ou.serviceControlPolicies.length > 0),
  });
  const plan = buildPlan({ desired, observed, budgets, accountApi, policies, now: input.clock.now() });
  // Every account by id and email: a later targeted plan finds accounts by email without a scan.
  return { ...plan, scope: { kind: 'full' }, index: planIndex(desired, observed) };
}

/** Checks that the credentials reach the organization of settings.yaml, before anything else is read. */
export async function checkIdentity(
  input: Pick<MakePlanInput, 'desired' | 'reader' | 'phase'>,
): Promise<OrganizationIdentity> {
  const expected = input.desired.settings.aws.managementAccountId;
  input.phase?.('checking the organization the credentials reach');
  const identity = await input.reader.identity();
  if (identity.managementAccountId !== expected) {
    throw new EngineError(
      'wrong-organization',
      `the credentials reach organization ${identity.organizationId}, whose management account is ${identity.managementAccountId}, but settings.yaml says ${expected}`,
      {
        source: 'user',
        hint: 'use the credentials (AWS_PROFILE, role) of the right organization, or correct aws.managementAccountId',
      },
    );
  }
  return identity;
}
