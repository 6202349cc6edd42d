import { minimalTree } from '../helpers/tree.js';
import { createBudgetDirectly, seedOrganization, type Seeded, type TestAws } from '../support/seed.js';

/** A budget as spa creates it for an account (test/support/seed.ts createBudgetDirectly). */
export interface BenchBudget {
  name: string;
  amount: number;
  thresholds: number[];
  subscribers: string[];
}

/**
 * The benchmarks' organization: `size` accounts in 10 team OUs below a managed Sandbox, a budget and a tag for
 * every account, and a CSV that sets `cost-owner` on each (`owner(i)` for the account of index i).
 *
 * `settled` is what spa gives the account of index i under these settings: its tags (those of the defaults, its
 * OU, the CSV, the holder's email, and the lifecycle's first state) and its budget. The targeted benchmark checks
 * it against the changes that spa plans for a small organization, and seeds large ones with it.
 */
export function benchTree(size: number, mgmt: string, owner: (i: number) => string) {
  const teams = Array.from({ length: 10 }, (_, i) => `Team${i}`);
  const ous = ['Sandbox', ...teams.map((t) => `Sandbox/${t}`)];
  const accounts = Array.from({ length: size }, (_, i) => ({
    name: `user-${String(i).padStart(5, '0')}`,
    email: `user-${i}@example.com`,
    ou: `Sandbox/${teams[i % teams.length]}`,
  }));
  const csv = (who: (i: number) => string) =>
    ['Account,Tag: cost-owner', ...accounts.map((a, i) => `${a.email},${who(i)}`)].join('\n') + '\n';
  const tree = minimalTree({
    settings: {
      aws: {
        region: 'eu-west-1',
        managementAccountId: mgmt,
        managementRoleArn: `arn:aws:iam::${mgmt}:role/Spa`,
      },
    },
    defaults: { budget: { amount: 100, thresholds: [80, 100] } },
    ous: {
      Sandbox: { managed: true },
      ...Object.fromEntries(teams.map((t) => [`Sandbox/${t}`, { costCenter: `CC-${t}` }])),
    },
    csv: { 'finops.csv': csv(owner) },
  });
  const environment = /^environment: (\S+)$/m.exec(tree['settings.yaml']!)![1]!;
  const mark = { 'managed-by': 'spa', 'spa-environment': environment };
  const settled = {
    /** Every OU below the managed Sandbox carries SPA's mark, as SPA leaves it. */
    ouTags: Object.fromEntries(ous.map((ou) => [ou, mark])),
    tags: (i: number): Record<string, string> => ({
      'account-holder': accounts[i]!.email,
      'account-state': 'vanilla',
      'cost-center': `CC-${teams[i % teams.length]}`,
      'cost-owner': owner(i),
      ...mark,
    }),
    budget: (i: number, accountId: string): BenchBudget => ({
      name: `${environment}-${accountId}`,
      amount: 100,
      thresholds: [80, 100],
      subscribers: [accounts[i]!.email],
    }),
  };
  return { ous, accounts, csv, tree, settled };
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * Seeds the organization of `bench` already at its settings, so that spa has nothing to do: each account created
 * with its tags and moved into its OU through `direct` (moto's own endpoint, without the gateway's work), then
 * its budget created through `viaGateway` (the gateway keeps the subscribers of budgets, which moto lacks).
 */
export async function seedSettled(
  bench: ReturnType<typeof benchTree>,
  direct: TestAws,
  viaGateway: TestAws,
  phase: (name: string) => void = () => undefined,
): Promise<Seeded> {
  const { ous, accounts, settled } = bench;
  const seeded = await seedOrganization(direct, {
    ous,
    ouTags: settled.ouTags,
    accounts: accounts.map((a, i) => ({ ...a, tags: settled.tags(i) })),
  });
  phase('seeding the accounts with their tags');
  await pool([...accounts.entries()], 8, async ([i, a]) => {
    const id = seeded.accountIds.get(a.email)!;
    const b = settled.budget(i, id);
    await createBudgetDirectly(viaGateway, b.name, id, b.amount, b.thresholds, b.subscribers);
  });
  phase('seeding the budgets');
  return seeded;
}
