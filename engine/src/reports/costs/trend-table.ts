import { escapeMarkdown } from '../../render/markdown-escape.js';
import { escapeMermaidLabel } from '../../render/mermaid-escape.js';
import { divideRounded, formatCents, formatCentsGrouped } from '../money.js';
import { formatMonth } from '../month.js';
import type { Cell, Column, Row, Table } from '../table.js';
import type { Change, Trend, TrendRow } from './trend.js';

const amount = (header: string, description: string): Column => ({ header, type: 'amount', description });

/** A change in hundredths of a percent as an amount cell (12.34 for +12.34%); empty from zero. */
const percentCell = (c: Change): Cell => (c.basisPoints === undefined ? '' : { cents: c.basisPoints });

/** The trend sheet: total, then one row per cost center; a column per month, then the changes. */
export function trendTable(trend: Trend, currency: string, metric: string): Table {
  const months = trend.months.map(formatMonth);
  const last = months[months.length - 1]!;
  const columns: Column[] = [
    {
      header: 'Cost Center',
      type: 'text',
      description: "The cost center the accounts have today (reporting.costCenterTag); Total on the organization's row.",
    },
    ...months.map((m) => amount(`${m} (${currency})`, `${metric} of ${m}, per cost center; the total row adds them up.`)),
    amount(`Month over Month (${currency})`, `${last} minus ${months[months.length - 2]}.`),
    amount('Month over Month (%)', `That change in percent of ${months[months.length - 2]}; empty when it was zero.`),
    amount(`Year over Year (${currency})`, `${last} minus ${months[0]}.`),
    amount('Year over Year (%)', `That change in percent of ${months[0]}; empty when it was zero.`),
  ];
  const cells = (r: TrendRow): Cell[] => [
    r.name,
    ...r.cents.map((cents) => ({ cents })),
    { cents: r.monthOverMonth.cents },
    percentCell(r.monthOverMonth),
    { cents: r.yearOverYear.cents },
    percentCell(r.yearOverYear),
  ];
  const rows: Row[] = trend.costCenters.map((r) => ({ kind: 'cost-center', level: 1, cells: cells(r) }));
  const subtotal = { first: 1, last: rows.length };
  const total = cells(trend.total).map((cell, i) =>
    typeof cell === 'object' && columns[i]!.header.endsWith(`(${currency})`) && rows.length > 0
      ? { ...cell, subtotalOf: subtotal }
      : cell,
  );
  return { sheet: 'Trend', columns, rows: [{ kind: 'total', level: 0, cells: total, bold: true }, ...rows] };
}

/** "+1,234.56 (+12.3%)", "-0.50", "0.00". */
export function formatChange(c: Change): string {
  const sign = c.cents > 0n ? '+' : '';
  if (c.basisPoints === undefined) return `${sign}${formatCentsGrouped(c.cents)}`;
  const tenths = divideRounded(c.basisPoints, 10n);
  const percent = `${tenths < 0n ? '-' : tenths > 0n ? '+' : ''}${(tenths < 0n ? -tenths : tenths) / 10n}.${(tenths < 0n ? -tenths : tenths) % 10n}%`;
  return `${sign}${formatCentsGrouped(c.cents)} (${percent})`;
}

/** The line chart of the organization's total, which GitHub renders (Mermaid xychart-beta). */
export function trendChart(trend: Trend, currency: string): string {
  const unit = escapeMermaidLabel(currency, 8);
  return [
    '```mermaid',
    'xychart-beta',
    `    title "Organization total per month (${unit})"`,
    `    x-axis [${trend.months.slice(1).map((m) => `"${formatMonth(m)}"`).join(', ')}]`,
    `    y-axis "${unit}"`,
    `    line [${trend.total.cents.slice(1).map(formatCents).join(', ')}]`,
    '```',
  ].join('\n');
}

/** The README's trend section: the last 12 months per cost center, the changes, the chart. */
export function trendLines(trend: Trend, currency: string, scope: string): string[] {
  const md = escapeMarkdown;
  const months = trend.months.slice(1).map(formatMonth);
  const yearBefore = formatMonth(trend.months[0]!);
  const line = (r: TrendRow, bold: boolean) => {
    const b = (s: string) => (bold ? `**${s}**` : s);
    const amounts = r.cents.slice(1).map((c) => formatCentsGrouped(c));
    return `| ${b(md(r.name))} | ${amounts.join(' | ')} | ${formatChange(r.monthOverMonth)} | ${formatChange(r.yearOverYear)} |`;
  };
  return [
    `## Trend over 12 months (${scope})`,
    '',
    `Amounts in ${currency}; month over month against ${months[months.length - 2]}, year over year against ${yearBefore}.`,
    '',
    `| Cost center | ${months.join(' | ')} | Month over month | Year over year |`,
    `|---|${months.map(() => '---:|').join('')}---:|---:|`,
    line(trend.total, true),
    ...trend.costCenters.map((r) => line(r, false)),
    '',
    "Past months come from Cost Explorer (one query over the 12 months before), grouped by the cost centers accounts have today.",
    '',
    trendChart(trend, currency),
  ];
}
