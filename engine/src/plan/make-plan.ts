import { EngineError } from '../domain/errors.js';
import type { SettingsModel } from '../domain/model.js';
import type { BudgetStore } from '../ports/budgets.js';
import type { Clock } from '../ports/clock.js';
import type { OrganizationReader, ReadProgress } from '../ports/organization.js';
import { buildPlan } from './build-plan.js';
import type { Plan } from './types.js';

export interface MakePlanInput {
  model: SettingsModel;
  reader: OrganizationReader;
  budgets: BudgetStore;
  clock: Clock;
  git: { commit: string | null; settingsDigest: string };
  progress?: ReadProgress;
  /** Called before each phase, for people watching. */
  phase?: (text: string) => void;
}

/**
 * `spa plan`: checks that the credentials reach the organization of settings.yaml before reading anything
 * else, reads the organization and the environment's budgets, and diffs them against the settings.
 */
export async function makePlan(input: MakePlanInput): Promise<Plan> {
  const settings = input.model.settings.resolved;
  input.phase?.('checking the organization the credentials reach');
  const identity = await input.reader.identity();
  if (identity.managementAccountId !== settings.aws.managementAccountId) {
    throw new EngineError(
      'wrong-organization',
      `the credentials reach organization ${identity.organizationId}, whose management account is ${identity.managementAccountId}, but settings.yaml says ${settings.aws.managementAccountId}`,
      {
        source: 'user',
        hint: 'use the credentials (AWS_PROFILE, role) of the right organization, or correct aws.managementAccountId',
      },
    );
  }
  input.phase?.('reading the organization');
  const observed = await input.reader.readOrganization({
    identity,
    ouTagPaths: new Set(input.model.ous.keys()),
    ...(input.progress ? { progress: input.progress } : {}),
  });
  input.phase?.('reading the budgets');
  const budgets = await input.budgets.listBudgets(`${settings.environment}-`);
  return buildPlan({ model: input.model, observed, budgets, git: input.git, now: input.clock.now() });
}
