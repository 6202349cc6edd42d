import { escapeMarkdown } from '../../render/markdown-escape.js';
import { formatCentsGrouped } from '../money.js';
import { addMonths, formatMonth, type Month } from '../month.js';
import type { Cell, Column, Table } from '../table.js';
import type { Mover, Movers, Movement } from './movers.js';
import { formatChange } from './trend-table.js';

/** Rows of each list in the README; the workbook has them all. */
const SHOWN = 10;

const text = (header: string, description: string): Column => ({ header, type: 'text', description });
const amount = (header: string, description: string): Column => ({ header, type: 'amount', description });

/** The movers sheet: accounts, then services, largest change first. */
export function moversTable(movers: Movers, month: Month, currency: string, metric: string): Table {
  const now = formatMonth(month);
  const before = previousLabel(month);
  const threshold = formatCentsGrouped(movers.threshold);
  const columns: Column[] = [
    text('Movement', 'rose or fell against last month; new (no cost last month) or stopped (no cost this month).'),
    text('Cost Center', "The account's cost center today; empty on a service's row."),
    text('Account', 'The 12-digit account id; empty on a service\'s row.'),
    text('Name', 'The account name.'),
    text('Service', "The AWS service across the organization; empty on an account's row."),
    amount(`${before} (${currency})`, `${metric} of ${before}.`),
    amount(`${now} (${currency})`, `${metric} of ${now}.`),
    amount(`Change (${currency})`, `${now} minus ${before}; every row changed by at least ${threshold} (reporting.moversThreshold).`),
    amount('Change (%)', `That change in percent of ${before}, two decimals; empty when ${before} was zero.`),
  ];
  const cells = (m: Mover): Cell[] => [
    m.movement,
    m.account?.costCenter ?? '',
    m.account?.id ?? '',
    m.account?.name ?? '',
    m.service ?? '',
    { cents: m.before },
    { cents: m.now },
    { cents: m.change.cents },
    m.change.basisPoints === undefined ? '' : { cents: m.change.basisPoints },
  ];
  return {
    sheet: 'Movers',
    columns,
    rows: [
      ...movers.accounts.map((m) => ({ kind: 'account', level: 0, cells: cells(m) })),
      ...movers.services.map((m) => ({ kind: 'service', level: 0, cells: cells(m) })),
    ],
  };
}

const previousLabel = (month: Month) => formatMonth(addMonths(month, -1));

const md = escapeMarkdown;

function accountLines(title: string, list: Mover[], currency: string, before: string, now: string): string[] {
  if (list.length === 0) return [];
  const more = list.length > SHOWN ? ` (${SHOWN} of ${list.length}, all in the workbook)` : '';
  return [
    `### ${title}${more}`,
    '',
    `| Account | Name | Cost center | ${before} | ${now} | Change (${currency}) |`,
    '|---|---|---|---:|---:|---:|',
    ...list
      .slice(0, SHOWN)
      .map(
        (m) =>
          `| ${md(m.account!.id)} | ${md(m.account!.name)} | ${md(m.account!.costCenter)} | ${formatCentsGrouped(m.before)} | ${formatCentsGrouped(m.now)} | ${formatChange(m.change)} |`,
      ),
    '',
  ];
}

/** The README's movers section: accounts that rose, fell, started and stopped costing; services that moved. */
export function moversLines(movers: Movers, month: Month, currency: string, scope: string): string[] {
  const now = formatMonth(month);
  const before = previousLabel(month);
  const of = (kinds: Movement[]) => movers.accounts.filter((m) => kinds.includes(m.movement));
  const rose = of(['rose']);
  const fell = of(['fell']).sort((a, b) => (a.change.cents < b.change.cents ? -1 : a.change.cents > b.change.cents ? 1 : 0));
  const services = movers.services.slice(0, SHOWN);
  const out = [
    `## Movers against ${before} (${scope})`,
    '',
    `Accounts and services whose cost changed by at least ${formatCentsGrouped(movers.threshold)} ${currency} (\`reporting.moversThreshold\`), largest change first.`,
    '',
    ...accountLines('Accounts that rose most', rose, currency, before, now),
    ...accountLines('Accounts that fell most', fell, currency, before, now),
    ...accountLines(`New accounts (no cost in ${before})`, of(['new']), currency, before, now),
    ...accountLines(`Accounts that stopped costing (no cost in ${now})`, of(['stopped']), currency, before, now),
  ];
  if (movers.accounts.length === 0) out.push('No account moved by that much.', '');
  if (services.length > 0)
    out.push(
      `### Services across the organization${movers.services.length > SHOWN ? ` (${SHOWN} of ${movers.services.length})` : ''}`,
      '',
      `| Service | ${before} | ${now} | Change (${currency}) |`,
      '|---|---:|---:|---:|',
      ...services.map((m) => `| ${md(m.service!)} | ${formatCentsGrouped(m.before)} | ${formatCentsGrouped(m.now)} | ${formatChange(m.change)} |`),
      '',
    );
  else out.push('No service moved by that much.', '');
  return out.slice(0, -1);
}
