import { minimalTree } from '../helpers/tree.js';

/**
 * The benchmarks' organization: `size` accounts in 10 team OUs below a managed Sandbox, a budget and a tag for
 * every account, and a CSV that sets `cost-owner` on each (`owner(i)` for the account of index i).
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
    defaults: { budget: { amount: 100, thresholds: [80, 100] }, tags: { 'managed-by': 'spa' } },
    ous: {
      Sandbox: { managed: true },
      ...Object.fromEntries(teams.map((t) => [`Sandbox/${t}`, { costCenter: `CC-${t}` }])),
    },
    csv: { 'finops.csv': csv(owner) },
  });
  return { ous, accounts, csv, tree };
}
