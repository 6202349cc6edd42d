import { parse as parseCsv } from 'csv-parse/sync';
import { unescapeCsvText } from '../../render/spreadsheet-escape.js';
import { apportion } from '../apportion.js';
import { CENT, parseAmount, toCents, type Cents } from '../money.js';
import type { ReportAccount } from './accounts.js';
import type { CostMatrix } from './cost-matrix.js';

/** Last month per cost center, and its total. */
export interface PreviousMonth {
  costCenters: Map<string, Cents>;
  total: Cents;
}

/**
 * Last month's summary CSV, as this report writes it: the rows `cost-center` and `total`. Undefined when the
 * file is not one (another layout, edited by hand): the caller then asks Cost Explorer.
 */
export function previousFromSummaryCsv(text: string): PreviousMonth | undefined {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv<Record<string, string>>(text, { columns: true, skip_empty_lines: true, bom: true });
  } catch {
    return undefined;
  }
  const amountKey = Object.keys(rows[0] ?? {}).find((k) => k.startsWith('Amount ('));
  if (!amountKey || !rows.every((r) => 'Row' in r && 'Cost Center' in r)) return undefined;
  const costCenters = new Map<string, Cents>();
  let total: Cents | undefined;
  for (const row of rows) {
    let cents: Cents;
    try {
      cents = parseAmount(row[amountKey] ?? '') / CENT;
    } catch {
      return undefined;
    }
    if (row.Row === 'cost-center') costCenters.set(unescapeCsvText(row['Cost Center'] ?? ''), cents);
    if (row.Row === 'total') total = cents;
  }
  return total === undefined ? undefined : { costCenters, total };
}

/** Last month from Cost Explorer, per account, grouped by the cost centers accounts have today. */
export function previousFromCosts(matrix: CostMatrix, accountOf: (id: string) => ReportAccount): PreviousMonth {
  const exact = new Map<string, bigint>();
  for (const [id, lines] of matrix.byAccount) {
    const center = accountOf(id).costCenter;
    let sum = exact.get(center) ?? 0n;
    for (const v of lines.values()) sum += v;
    exact.set(center, sum);
  }
  const names = [...exact.keys()];
  const total = toCents(matrix.total());
  const cents = apportion(
    total,
    names.map((n) => exact.get(n)!),
  );
  return { costCenters: new Map(names.map((n, i) => [n, cents[i]!])), total };
}
