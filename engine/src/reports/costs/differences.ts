import { escapeMarkdown } from '../../render/markdown-escape.js';
import type { Table } from '../table.js';
import type { CostCenterDifference } from './cost-centers.js';

const COLUMNS: Table['columns'] = [
  { header: 'Month', type: 'text', description: 'The month of the report (YYYY-MM).' },
  { header: 'Account', type: 'text', description: 'The AWS account id.' },
  { header: 'Name', type: 'text', description: 'The account name.' },
  { header: 'Organizational Unit', type: 'text', description: 'The OU path of the account at report time.' },
  {
    header: 'Cost Center (Cost Explorer)',
    type: 'text',
    description:
      "The cost center the month's costs were charged to: the cost allocation tag when they were incurred. The report uses it.",
  },
  {
    header: 'Cost Center (settings)',
    type: 'text',
    description: 'The cost center the settings give the account (account file, tags CSV, OU defaults).',
  },
];

/** The managed accounts whose settings name another cost center than Cost Explorer charged. */
export function differencesTable(differences: readonly CostCenterDifference[], month: string): Table {
  return {
    sheet: 'Cost center differences',
    columns: COLUMNS,
    rows: differences.map((d) => ({
      kind: 'account',
      level: 0,
      cells: [month, d.account.id, d.account.name, d.account.ou, d.account.costCenter, d.settings],
    })),
  };
}

/** The README section of the differences; nothing when Cost Explorer and the settings agree. */
export function differenceLines(differences: readonly CostCenterDifference[], shown = 20): string[] {
  if (differences.length === 0) return [];
  const md = escapeMarkdown;
  const out = [
    '## Cost centers: settings and Cost Explorer differ',
    '',
    `${differences.length} managed account${differences.length === 1 ? '' : 's'} carried costs under another cost center than the settings give. The report`,
    "charges them as Cost Explorer saw the cost allocation tag when the costs were incurred; the settings' value applies to",
    'costs incurred after the tag changes on the account.',
    '',
    '| Account | Name | Cost center (Cost Explorer) | Cost center (settings) |',
    '|---|---|---|---|',
    ...differences
      .slice(0, shown)
      .map((d) => `| ${md(d.account.id)} | ${md(d.account.name)} | ${md(d.account.costCenter)} | ${md(d.settings)} |`),
  ];
  if (differences.length > shown) out.push('', `And ${differences.length - shown} more, in the files below.`);
  return [...out, ''];
}
