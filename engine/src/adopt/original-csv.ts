import { parse } from 'csv-parse/sync';
import { EngineError } from '../domain/errors.js';
import { csvField } from '../render/spreadsheet-escape.js';
import type { ImportNote } from './notes.js';

/** Variables of the original preparation that this edition turns into the budget of the account. */
export const BUDGET_VARIABLES = { amount: 'BUDGET_AMOUNT', threshold: 'ALERT_THRESHOLD' } as const;

/**
 * A CSV file of the original SPA in this edition's grammar: the labels written canonically (`Tag: key`), the
 * column `Preparation: BUDGET_AMOUNT` as `Budget`, and `Preparation: ALERT_THRESHOLD`, which a CSV row cannot
 * give here, left out with a note. The rows keep their values and their order.
 */
export function convertOriginalCsv(
  name: string,
  text: string,
): { text: string; notes: ImportNote[]; accounts: string[] } {
  let rows: string[][];
  try {
    // csv-parse types its result as unknown without a column list; the records are arrays of texts.
    const parsed: unknown = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
    rows = parsed as string[][];
  } catch (cause) {
    throw new EngineError('original-csv-invalid', `${name} is not a CSV file: ${(cause as Error).message}`, {
      source: 'user',
      cause,
      hint: 'fix the file, or remove it from features.with_csv_files',
    });
  }
  const [header = [], ...body] = rows;
  const notes: ImportNote[] = [];
  const keep: number[] = [];
  const labels: string[] = [];
  header.forEach((raw, i) => {
    const colon = raw.indexOf(':');
    const label = (colon < 0 ? raw : raw.slice(0, colon)).trim();
    const key = colon < 0 ? '' : raw.slice(colon + 1).trim();
    if (label === 'Preparation' && key === BUDGET_VARIABLES.amount) labels.push('Budget');
    else if (label === 'Preparation' && key === BUDGET_VARIABLES.threshold) {
      notes.push({
        kind: 'no-equivalent',
        subject: `${name} column "${raw.trim()}"`,
        message:
          'a CSV row cannot set budget thresholds here: give them in the account files (budget.thresholds)',
      });
      return;
    } else labels.push(key ? `${label}: ${key}` : label);
    keep.push(i);
  });
  const account = header.findIndex((h) => h.trim() === 'Account');
  const lines = [labels, ...body.map((row) => keep.map((i) => (row[i] ?? '').trim()))];
  return {
    text: lines.map((fields) => fields.map(csvField).join(',')).join('\n') + '\n',
    notes,
    accounts: account < 0 ? [] : body.map((row) => (row[account] ?? '').trim().toLowerCase()).filter(Boolean),
  };
}
