import { escapeMarkdown } from '../../render/markdown-escape.js';
import { formatCentsGrouped } from '../money.js';
import { formatMonth, type Month } from '../month.js';
import type { Cell, Column, Row, Table } from '../table.js';
import { dayBefore, type ResidualLine, type Residuals } from './residuals.js';

/** Purged accounts in the README, and services named on each; the workbook has them all. */
const SHOWN = 10;
const TOP_SERVICES = 3;

const text = (header: string, description: string): Column => ({ header, type: 'text', description });
const date = (header: string, description: string): Column => ({ header, type: 'date', description });
const amount = (header: string, description: string): Column => ({ header, type: 'amount', description });

/** The purge residuals sheet: one row per purged account and service (one empty row for a purge that left nothing). */
export function residualsTable(residuals: Residuals, month: Month, currency: string, metric: string): Table {
  const threshold = formatCentsGrouped(residuals.threshold);
  const columns: Column[] = [
    text('Account', 'The 12-digit id of an account purged during the month.'),
    text('Name', 'The account name.'),
    text('Cost Center', "The account's cost center."),
    date('Purge Ended (UTC)', `When the account's last maintenance of ${formatMonth(month)} ended: the purge done, the account released again.`),
    date('Counted From', `The first day counted: the day after the purge ended; the last is ${dayBefore(residuals.end)}.`),
    text('Service', 'The AWS service that cost after the purge; empty when nothing did.'),
    amount(`Residual (${currency})`, `${metric} of the service from the first day counted to the last.`),
    text('Over', `over on every row of an account whose residual adds up to at least ${threshold} ${currency} (reporting.residualCostThreshold).`),
  ];
  const rows: Row[] = residuals.lines.flatMap((l) => {
    const cells = (service: string, cents: bigint): Cell[] => [
      l.account.id,
      l.account.name,
      l.account.costCenter,
      l.purge.end,
      l.from,
      service,
      { cents },
      l.over ? 'over' : '',
    ];
    const services = l.services.length > 0 ? l.services : [{ service: '', cents: 0n }];
    return services.map((s) => ({ kind: 'account-service', level: 0, cells: cells(s.service, s.cents) }));
  });
  return { sheet: 'Purge residuals', columns, rows };
}

const md = escapeMarkdown;

function topServices(l: ResidualLine): string {
  const shown = l.services.slice(0, TOP_SERVICES).map((s) => `${md(s.service)} ${formatCentsGrouped(s.cents)}`);
  const more = l.services.length - TOP_SERVICES;
  return [...shown, ...(more > 0 ? [`${more} more`] : [])].join(', ');
}

/** The README's section: each purged account with what it cost after its purge, flagged at or above the threshold. */
export function residualsLines(residuals: Residuals, month: Month, currency: string, scope: string): string[] {
  const all = residuals.lines.length;
  const over = residuals.lines.filter((l) => l.over).length;
  const out = [`## Purges that left costs (${scope})`, ''];
  if (residuals.unavailable) return [...out, `The purges of ${formatMonth(month)} were not read: ${residuals.unavailable}.`];
  if (all === 0) return [...out, `No account was purged in ${formatMonth(month)} (no maintenance ended in the activities table).`];
  const threshold = `${formatCentsGrouped(residuals.threshold)} ${currency}`;
  const more = all > SHOWN ? `; the ${SHOWN} that left most (all in the workbook)` : '';
  return [
    ...out,
    `${all} account${all === 1 ? '' : 's'} purged in ${formatMonth(month)}, each with its cost from the day after its purge ended to ${dayBefore(residuals.end)}: **${over} at or above ${threshold}** (\`reporting.residualCostThreshold\`)${more}.`,
    'A purge that leaves costs behind is a gap of the purge buildspec (`buildspecs/purge.yml`): the services named are what it did not remove or stop.',
    'The purge ends with the maintenance, when the account is released again: costs of the days after also include what its holder used since.',
    '',
    `| Account | Name | Cost center | Purge ended (UTC) | Days | Residual (${currency}) | Top services | |`,
    '|---|---|---|---|---:|---:|---|---|',
    ...residuals.lines
      .slice(0, SHOWN)
      .map(
        (l) =>
          `| ${md(l.account.id)} | ${md(l.account.name)} | ${md(l.account.costCenter)} | ${l.purge.end.slice(0, 16).replace('T', ' ')} | ${l.days} | ${formatCentsGrouped(l.cents)} | ${topServices(l)} | ${l.over ? '**over**' : ''} |`,
      ),
  ];
}
