import type { MinimalTree } from '../helpers/tree.js';
import type { SeedSpec } from './seed.js';

/**
 * A generated organization of `size` accounts and the settings that manage it: most accounts have a file
 * (a tenth of them still to be created, a tenth in the wrong OU), the rest are managed through their OU;
 * a CSV gives every account a cost center.
 */
export function generatedOrganization(size: number): { seed: SeedSpec; settings: MinimalTree } {
  const teams = ['Alpha', 'Beta', 'Gamma', 'Delta'];
  const seed: SeedSpec = { ous: ['Sandbox', ...teams.map((t) => `Sandbox/${t}`), 'Legacy'], accounts: [] };
  const settings: MinimalTree = {
    defaults: {
      budget: { amount: 100, thresholds: [80, 100] },
      unsetTags: ['OldCostCenter'],
    },
    ous: {
      Sandbox: { managed: true, tags: { environment: 'sandbox' } },
      ...Object.fromEntries(teams.map((t) => [`Sandbox/${t}`, { costCenter: `CC-${t.toUpperCase()}` }])),
    },
    accounts: {},
  };
  const rows = ['Account,Tag: cost-owner,Budget'];
  for (let i = 0; i < size; i++) {
    const name = `user-${String(i).padStart(4, '0')}`;
    const email = `${name}@example.com`;
    const team = teams[i % teams.length]!;
    const withFile = i % 3 !== 0;
    const missing = withFile && i % 10 === 1;
    const wrongOu = withFile && i % 10 === 2;
    if (!missing)
      seed.accounts!.push({
        name,
        email,
        ou: wrongOu ? 'Legacy' : `Sandbox/${team}`,
        tags: { OldCostCenter: 'x' },
      });
    if (withFile)
      settings.accounts![name] = {
        holder: `person-${i}@example.com`,
        organizationalUnit: `Sandbox/${team}`,
        tags: { project: `p${i % 7}` },
      };
    rows.push(`${email},owner-${i % 13}@example.com,${i % 5 === 0 ? 250 : ''}`);
  }
  settings.csv = { 'finops.csv': rows.join('\n') + '\n' };
  return { seed, settings };
}
