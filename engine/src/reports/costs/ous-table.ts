import { escapeMarkdown } from '../../render/markdown-escape.js';
import { formatCents, formatCentsGrouped } from '../money.js';
import { formatMonth, type Month } from '../month.js';
import type { Cell, Column, Row, Table } from '../table.js';
import type { OuRow, PerOu } from './ous.js';

const text = (header: string, description: string): Column => ({ header, type: 'text', description });
const amount = (header: string, description: string): Column => ({ header, type: 'amount', description });

const share = (r: { shareBasisPoints: bigint | undefined }): Cell =>
  r.shareBasisPoints === undefined ? '' : { cents: r.shareBasisPoints };

/** The OU sheet: the total, each OU (a SUBTOTAL of its cost centers), and its cost centers under it. */
export function ousTable(ous: PerOu, month: Month, currency: string, metric: string): Table {
  const m = formatMonth(month);
  const columns: Column[] = [
    text('Organizational Unit', 'The path of the OU the accounts are in now, from the root; Total on the first row.'),
    text('Cost Center', 'On the rows under an OU: one cost center of its accounts.'),
    text('Accounts', 'How many accounts of the OU (and cost center) cost something in the month.'),
    amount(`${m} (${currency})`, `${metric} of ${m}; an OU row adds up its cost centers (SUBTOTAL formulas).`),
    amount('Share (%)', "The row's share of the month's total, two decimals."),
  ];
  const rows: Row[] = [];
  for (const ou of ous.rows) {
    const first = rows.length + 2;
    const parts = ou.costCenters.map(
      (c): Row => ({ kind: 'cost-center', level: 2, cells: [ou.path, c.name, String(c.accounts), { cents: c.cents }, ''] }),
    );
    const sum = { cents: ou.cents, subtotalOf: { first, last: first + parts.length - 1 } };
    rows.push({ kind: 'organizational-unit', level: 1, bold: true, cells: [ou.path, '', String(ou.accounts), sum, share(ou)] });
    rows.push(...parts);
  }
  const total: Row = {
    kind: 'total',
    level: 0,
    bold: true,
    cells: ['Total', '', String(ous.accounts), rows.length > 0 ? { cents: ous.total, subtotalOf: { first: 1, last: rows.length } } : { cents: ous.total }, ''],
  };
  return { sheet: 'Organizational units', columns, rows: [total, ...rows] };
}

/** The README's section: each OU's subtotal and share, and its cost centers. */
export function ousLines(ous: PerOu, currency: string, scope: string): string[] {
  const md = escapeMarkdown;
  const centers = (r: OuRow) =>
    r.costCenters.map((c) => `${md(c.name)} ${formatCentsGrouped(c.cents)}`).join(', ');
  const percent = (r: OuRow) => (r.shareBasisPoints === undefined ? '-' : `${formatCents(r.shareBasisPoints)}%`);
  return [
    `## Organizational units (${scope})`,
    '',
    'Each OU (where its accounts are now) with its share of the month and its cost centers; the OUs add up to the total.',
    '',
    `| Organizational unit | Accounts | Amount (${currency}) | Share | Cost centers |`,
    '|---|---:|---:|---:|---|',
    ...ous.rows.map(
      (r) => `| ${md(r.path)} | ${r.accounts} | ${formatCentsGrouped(r.cents)} | ${percent(r)} | ${centers(r)} |`,
    ),
    `| **Total** | ${ous.accounts} | **${formatCentsGrouped(ous.total)}** | | |`,
  ];
}
