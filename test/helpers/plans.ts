import type { Plan } from '../../engine/src/plan/types.js';
import { observedOrganization, planOf } from './observed.js';
import { minimalTree } from './tree.js';

/** A plan of `accounts` accounts below a managed OU, tagged from a CSV: `owner` changes the digest. */
export function syntheticPlan(
  accounts: number,
  owner = 'finops',
  extraTags: Record<string, string> = {},
): Plan {
  const rows = [
    'Account,Tag: owner',
    ...Array.from({ length: accounts }, (_, i) => `user-${i}@example.com,${owner}`),
  ];
  const tree = minimalTree({
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

/** A plan with no change: every account already as the settings want it. */
export function emptyPlan(): Plan {
  return { ...syntheticPlan(0) };
}
