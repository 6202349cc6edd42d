import { csvField, escapeCsvText } from '../../render/spreadsheet-escape.js';
import { formatCents } from '../../reports/money.js';
import { isAmount, type Table } from '../../reports/table.js';

const BOM = '\uFEFF';

/**
 * A table as CSV (RFC 4180 quoting, UTF-8 with a byte order mark, LF line ends): the mark makes Excel read the
 * file as UTF-8 (without it, accented names come out garbled); csv-parse (`bom: true`) and Python (`utf-8-sig`)
 * skip it. A first column `Row` says what each row is (`total`, `cost-center`, `account`...), so that a program
 * keeps the rows it wants. Amounts are plain decimals
 * ("-1234.56"); texts that look like formulas are neutralised (spreadsheet-escape.ts).
 */
export function tableToCsv(table: Table): Uint8Array {
  const lines = [['Row', ...table.columns.map((c) => c.header)].map((h) => csvField(escapeCsvText(h))).join(',')];
  for (const row of table.rows) {
    const fields = [csvField(escapeCsvText(row.kind))];
    for (const cell of row.cells)
      fields.push(isAmount(cell) ? formatCents(cell.cents) : csvField(escapeCsvText(cell)));
    lines.push(fields.join(','));
  }
  return Buffer.from(`${BOM}${lines.join('\n')}\n`, 'utf8');
}
