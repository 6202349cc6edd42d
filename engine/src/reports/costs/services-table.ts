import { escapeMarkdown } from '../../render/markdown-escape.js';
import { formatCentsGrouped } from '../money.js';
import { addMonths, formatMonth, type Month } from '../month.js';
import type { Cell, Column, Row, Table } from '../table.js';
import type { ServiceRow, Services } from './services.js';
import { formatChange } from './trend-table.js';

/** Services in the README; the workbook has them all. */
const SHOWN = 10;

const amount = (header: string, description: string): Column => ({ header, type: 'amount', description });

/** The services sheet: the total, then every service of the organization, largest this month first. */
export function servicesTable(services: Services, month: Month, currency: string, metric: string): Table {
  const now = formatMonth(month);
  const before = formatMonth(addMonths(month, -1));
  const columns: Column[] = [
    { header: 'Service', type: 'text', description: 'The AWS service, as Cost Explorer names it; Total on the first row.' },
    amount(`${before} (${currency})`, `${metric} of ${before} across the organization.`),
    amount(`${now} (${currency})`, `${metric} of ${now} across the organization; the total is the summary's.`),
    amount(`Change (${currency})`, `${now} minus ${before}.`),
    amount('Change (%)', `That change in percent of ${before}, two decimals; empty when ${before} was zero.`),
  ];
  const cells = (r: ServiceRow): Cell[] => [
    r.service,
    { cents: r.before },
    { cents: r.now },
    { cents: r.change.cents },
    r.change.basisPoints === undefined ? '' : { cents: r.change.basisPoints },
  ];
  const rows: Row[] = services.rows.map((r) => ({ kind: 'service', level: 1, cells: cells(r) }));
  const subtotal = { first: 1, last: rows.length };
  const total = cells(services.total).map((c, i) =>
    typeof c === 'object' && i < 4 && rows.length > 0 ? { ...c, subtotalOf: subtotal } : c,
  );
  return { sheet: 'Services', columns, rows: [{ kind: 'total', level: 0, cells: total, bold: true }, ...rows] };
}

/** The README's section: the services that cost most this month, and their change on last month. */
export function servicesLines(services: Services, month: Month, currency: string, scope: string): string[] {
  const md = escapeMarkdown;
  const now = formatMonth(month);
  const before = formatMonth(addMonths(month, -1));
  const line = (r: ServiceRow, bold = false) => {
    const b = (s: string) => (bold ? `**${s}**` : s);
    return `| ${b(md(r.service))} | ${formatCentsGrouped(r.before)} | ${b(formatCentsGrouped(r.now))} | ${formatChange(r.change)} |`;
  };
  const more = services.rows.length > SHOWN ? ` (${SHOWN} of ${services.rows.length}, all in the workbook)` : '';
  return [
    `## Services across the organization (${scope})`,
    '',
    `The services that cost most in ${now}${more}, with ${before} and the change.`,
    '',
    `| Service | ${before} | ${now} | Change (${currency}) |`,
    '|---|---:|---:|---:|',
    ...services.rows.slice(0, SHOWN).map((r) => line(r)),
    line(services.total, true),
  ];
}
