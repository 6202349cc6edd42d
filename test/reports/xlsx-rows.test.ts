import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { columnLetter, tableToXlsx } from '../../engine/src/adapters/reports/xlsx-writer.js';
import { centsToNumber } from '../../engine/src/reports/money.js';
import type { Row, Table } from '../../engine/src/reports/table.js';
import { xlsxText } from '../../engine/src/render/spreadsheet-escape.js';

// The writer renders a table's rows as XML itself, beneath exceljs's row model (xlsx-writer.ts says why). These
// tests hold it to what exceljs renders for the same rows through its public API: the same cells, values,
// formulas, attributes and styles, byte for byte once each style id is replaced by the style it names.

const FONT = { name: 'Arial', size: 10 };
const BOLD = { ...FONT, bold: true };
const RIGHT = { horizontal: 'right' } as const;
const STYLES = {
  text: { font: FONT },
  boldText: { font: BOLD },
  amount: { numFmt: '#,##0.00', alignment: RIGHT, font: FONT },
  boldAmount: { numFmt: '#,##0.00', alignment: RIGHT, font: BOLD },
  date: { numFmt: 'yyyy-mm-dd hh:mm:ss', alignment: RIGHT, font: FONT },
  boldDate: { numFmt: 'yyyy-mm-dd hh:mm:ss', alignment: RIGHT, font: BOLD },
  boldHeaderAmount: { font: BOLD, alignment: RIGHT },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** A date column's UTC time becomes a date; any other text stays text. */
const isDate = (table: Table, column: number, text: string) =>
  table.columns[column]?.type === 'date' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(text);

/** The table written through exceljs's row model: one row, cell, value and style at a time. */
async function throughRowModel(table: Table): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => stream.on('end', resolve));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const maxLevel = Math.max(0, ...table.rows.map((r) => r.level));
  const sheet = book.addWorksheet(table.sheet, { properties: { outlineLevelRow: maxLevel } });
  const header = sheet.addRow(table.columns.map((c) => xlsxText(c.header)));
  table.columns.forEach((c, i) => (header.getCell(i + 1).style = c.type === 'amount' ? STYLES.boldHeaderAmount : STYLES.text));
  header.commit();
  table.rows.forEach((row, index) => {
    const bold = row.bold === true;
    const values = row.cells.map((cell, i) => {
      if (typeof cell === 'object') {
        const c = columnLetter(i);
        const at = (n: number) => n + 2;
        const formula = cell.subtotalOf
          ? `SUBTOTAL(9,${c}${at(cell.subtotalOf.first)}:${c}${at(cell.subtotalOf.last)})`
          : cell.sumOfColumns
            ? `SUM(${columnLetter(cell.sumOfColumns.first)}${at(index)}:${columnLetter(cell.sumOfColumns.last)}${at(index)})`
            : undefined;
        return formula ? { formula, result: centsToNumber(cell.cents) } : centsToNumber(cell.cents);
      }
      if (cell === '') return null;
      return isDate(table, i, cell) ? new Date(cell) : xlsxText(cell);
    });
    const r = sheet.addRow(values);
    if (row.level > 0) r.outlineLevel = row.level;
    if (row.hidden) r.hidden = true;
    row.cells.forEach((cell, i) => {
      if (cell === '') return;
      const kind = typeof cell === 'object' ? 'amount' : isDate(table, i, cell) ? 'date' : 'text';
      const style = { text: bold ? STYLES.boldText : STYLES.text, amount: bold ? STYLES.boldAmount : STYLES.amount, date: bold ? STYLES.boldDate : STYLES.date }[kind];
      r.getCell(i + 1).style = style;
    });
    r.commit();
  });
  sheet.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}

/** The rows of the first sheet after its header, each `s="n"` replaced by the style n names in styles.xml. */
function dataRows(xlsx: Uint8Array): string {
  const files = unzipSync(xlsx);
  const styles = strFromU8(files['xl/styles.xml']!);
  const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]!);
  const formats = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]));
  const cellXfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)![1]!;
  const xfs = [...cellXfs.matchAll(/<xf ([^>]*?)(?:\/>|>(.*?)<\/xf>)/g)].map((m) => {
    const attrs = m[1]!;
    const font = fonts[Number(/fontId="(\d+)"/.exec(attrs)![1])];
    const numFmt = /numFmtId="(\d+)"/.exec(attrs)![1]!;
    return `[${formats.get(numFmt) ?? numFmt}|${font}|${m[2] ?? ''}]`;
  });
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const data = /<sheetData>(.*)<\/sheetData>/s.exec(sheet)![1]!;
  const afterHeader = data.slice(data.indexOf('</row>') + '</row>'.length);
  return afterHeader.replace(/ s="(\d+)"/g, (_, id: string) => ` s="${xfs[Number(id)]}"`);
}

const TABLE: Table = {
  sheet: 'Services',
  columns: [
    { header: 'Cost Center', type: 'text' },
    { header: 'Time (UTC)', type: 'date' },
    { header: 'Amount (USD)', type: 'amount' },
    { header: 'Usage (USD)', type: 'amount' },
    { header: 'Total (USD)', type: 'amount' },
  ],
  rows: [
    { kind: 'total', level: 0, bold: true, cells: ['TOTAL', '', { cents: 123456789n, subtotalOf: { first: 1, last: 3 } }, { cents: 5n }, { cents: 0n, sumOfColumns: { first: 2, last: 3 } }] },
    { kind: 'cost-center', level: 1, bold: true, cells: ['R&D <"lab"> \'n\' co', '2026-10-03T09:42:30.000Z', { cents: -4250n }, { cents: 1n }, { cents: 7n }] },
    { kind: 'account', level: 2, hidden: true, cells: ['=HYPERLINK("x")', '2026-10-10T03:02:05Z', { cents: 99n }, { cents: -1n }, { cents: 100000000000n }] },
    { kind: 'line', level: 3, hidden: true, cells: ['tab\there \u0001 del\u007f', 'not a date', { cents: 1n }, { cents: 10n }, { cents: 12345n }] },
  ],
};

describe('the rows of a workbook', () => {
  it('are the XML exceljs renders for them: cells, values, formulas, outline, hidden rows and styles', async () => {
    expect(dataRows(await tableToXlsx(TABLE))).toBe(dataRows(await throughRowModel(TABLE)));
  });

  it('stay so for any text and amount', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const row = fc.record({
      level: fc.integer({ min: 0, max: 3 }),
      bold: fc.boolean(),
      hidden: fc.boolean(),
      text,
      cents: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (list) => {
        const rows: Row[] = list.map((r) => ({
          kind: 'line',
          level: r.level,
          bold: r.bold,
          hidden: r.hidden,
          cells: [r.text, { cents: r.cents }],
        }));
        const table: Table = { sheet: 'S', columns: [{ header: 'T', type: 'text' }, { header: 'A', type: 'amount' }], rows };
        expect(dataRows(await tableToXlsx(table))).toBe(dataRows(await throughRowModel(table)));
      }),
      { numRuns: 40 },
    );
  });
});
