import type { Plan } from '../../engine/src/plan/types.js';
import { observedOrganization, planOf } from './observed.js';
import { minimalTree } from './tree.js';

/**
 * A plan of `accounts` accounts below a managed OU, tagged from a CSV: `owner` changes the digest. It touches
 * every managed account, so it is large, unless `largePlanShare` is 100.
 */
export function syntheticPlan(
  accounts: number,
  owner = 'finops',
  extraTags: Record<string, string> = {},
  largePlanShare?: number,
): Plan {
  const rows = [
    'Account,Tag: owner',
    ...Array.from({ length: accounts }, (_, i) => `user-${i}@example.com,${owner}`),
  ];
  const tree = minimalTree({
    ...(largePlanShare === undefined ? {} : { settings: { tagPolicy: { largePlanShare } } }),
    defaults: { budget: { amount: 100 } },
    ous: { Sandbox: { managed: true, tags: extraTags } },
    csv: { 'finops.csv': rows.join('\n') + '\n' },
  });
  const observed = observedOrganization({
    ous: ['Sandbox'],
    accounts: Array.from({ length: accounts }, (_, i) => ({
      id: String(100000000000 + i),
      name: `user-${i}`,
      email: `user-${i}@example.com`,
      ouPath: 'Sandbox',
    })),
  });
  return planOf(tree, observed);
}

/** The same plan as syntheticPlan, but not large: no share of the managed accounts is too many. */
export function smallPlan(accounts: number, owner = 'finops'): Plan {
  const plan = syntheticPlan(accounts, owner, {}, 100);
  if (plan.large.isLarge) throw new Error('smallPlan made a large plan');
  return plan;
}

/** A plan with no change: every account already as the settings want it. */
export function emptyPlan(): Plan {
  return { ...syntheticPlan(0) };
}
