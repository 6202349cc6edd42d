import { escapeMarkdown } from '../../render/markdown-escape.js';
import { formatCentsGrouped } from '../money.js';
import type { Cell, Column, Table } from '../table.js';
import type { Forecast, ForecastRow } from './forecast.js';

const amount = (header: string, description: string): Column => ({ header, type: 'amount', description });

/** The forecast sheet: each cost center's cost to date, the forecast of the rest, and the month's end. */
export function forecastTable(forecast: Forecast, currency: string, metric: string): Table {
  const columns: Column[] = [
    { header: 'Cost Center', type: 'text', description: "The cost center, as the summary has it." },
    amount(`To Date (${currency})`, `${metric} of the month until ${forecast.from}, as the summary has it.`),
    amount(
      `Forecast of the Rest (${currency})`,
      `Cost Explorer's forecast (GetCostForecast, ${metric}) from ${forecast.from} to ${forecast.end}, excluded; empty when it gives none.`,
    ),
    amount(`Month End (${currency})`, 'To date plus the forecast of the rest; empty without a forecast.'),
  ];
  const cells = (r: ForecastRow): Cell[] =>
    r.rest === undefined
      ? [r.costCenter, { cents: r.toDate }, '', '']
      : [r.costCenter, { cents: r.toDate }, { cents: r.rest }, { cents: r.toDate + r.rest, sumOfColumns: { first: 1, last: 2 } }];
  return { sheet: 'Forecast', columns, rows: forecast.rows.map((r) => ({ kind: 'cost-center', level: 0, cells: cells(r) })) };
}

/** The README's section of a month not over yet: where each cost center is heading. */
export function forecastLines(forecast: Forecast, currency: string, scope: string): string[] {
  const md = escapeMarkdown;
  const money = (c: bigint | undefined) => (c === undefined ? '-' : formatCentsGrouped(c));
  return [
    `## Forecast of the month's end (${scope})`,
    '',
    `The month is not over: Cost Explorer's forecast (GetCostForecast) from ${forecast.from} to ${forecast.end} for the accounts of each cost center, added to its cost to date; "-" where Cost Explorer gives none.`,
    '',
    `| Cost center | To date (${currency}) | Forecast of the rest | Month end (${currency}) |`,
    '|---|---:|---:|---:|',
    ...forecast.rows.map(
      (r) =>
        `| ${md(r.costCenter)} | ${formatCentsGrouped(r.toDate)} | ${money(r.rest)} | ${money(r.rest === undefined ? undefined : r.toDate + r.rest)} |`,
    ),
  ];
}
