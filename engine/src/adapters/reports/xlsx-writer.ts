import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { xlsxText } from '../../render/spreadsheet-escape.js';
import { centsToNumber } from '../../reports/money.js';
import { isAmount, type AmountCell, type Row, type Table } from '../../reports/table.js';

const AMOUNT_FORMAT = '#,##0.00';
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
// One font throughout, bold rows included: a style without a font name lets a spreadsheet pick its own default
// for bold text (LibreOffice takes a serif one). Arial, or its metric twin Liberation Sans where it is missing.
const FONT = { name: 'Arial', size: 10 };
const BOLD = { ...FONT, bold: true };
// One style object per kind of cell, shared by every cell of that kind: exceljs recognises a style object it has
// seen before and skips working out its id again, which is most of its time on a large sheet. Styles given per
// column instead were measured 2.5 times slower: exceljs copies a column's style into a new object for every cell.
const RIGHT = { horizontal: 'right' } as const;
const STYLES = {
  text: { font: FONT },
  boldText: { font: BOLD },
  amount: { numFmt: AMOUNT_FORMAT, alignment: RIGHT, font: FONT },
  boldAmount: { numFmt: AMOUNT_FORMAT, alignment: RIGHT, font: BOLD },
  boldHeaderAmount: { font: BOLD, alignment: RIGHT },
  date: { numFmt: DATE_FORMAT, alignment: RIGHT, font: FONT },
  boldDate: { numFmt: DATE_FORMAT, alignment: RIGHT, font: BOLD },
} satisfies Record<string, Partial<ExcelJS.Style>>;
/** Printed or saved as PDF: landscape, one page wide, the header row on every page. */
const PAGE = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } satisfies Partial<ExcelJS.PageSetup>;
const PAGE_SETUP = { ...PAGE, printTitlesRow: '1:1' } satisfies Partial<ExcelJS.PageSetup>;

/** An ISO 8601 time (UTC) of a date column, as the date a spreadsheet sorts and filters; undefined otherwise. */
function dateOf(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
const HEADER_ROWS = 1;

/** A1-style column letters of a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function formulaOf(cell: AmountCell, rowIndex: number, columnIndex: number): string | undefined {
  const row = (i: number) => i + HEADER_ROWS + 1;
  if (cell.subtotalOf) {
    const c = columnLetter(columnIndex);
    return `SUBTOTAL(9,${c}${row(cell.subtotalOf.first)}:${c}${row(cell.subtotalOf.last)})`;
  }
  if (cell.sumOfColumns)
    return `SUM(${columnLetter(cell.sumOfColumns.first)}${row(rowIndex)}:${columnLetter(cell.sumOfColumns.last)}${row(rowIndex)})`;
  return undefined;
}

/** The length of an amount as `formatCentsGrouped` writes it ("-1,234.56"), without making the text. */
function amountLength(cents: bigint): number {
  const whole = (cents < 0n ? -cents : cents) / 100n;
  const digits = whole === 0n ? 1 : whole.toString().length;
  return (cents < 0n ? 1 : 0) + digits + Math.floor((digits - 1) / 3) + 3;
}

/** Column widths from the longest text each column shows (amounts as formatted), within 10..60 characters. */
function widths(table: Table): number[] {
  const out = table.columns.map((c) => c.header.length);
  for (const row of table.rows)
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i]!;
      const length = isAmount(cell) ? amountLength(cell.cents) : cell.length;
      if (length > out[i]!) out[i] = length;
    }
  return out.map((w) => Math.min(60, Math.max(10, w + 2)));
}

type CellStyle = Partial<ExcelJS.Style>;

/**
 * One row, its values and styles worked out in one pass over its cells, with no array or closure made per cell:
 * a month's detail workbooks hold 600,000 rows, and every object per row is work for the garbage collector
 * (engine/README.md, Performance). `styles` is the caller's scratch array, reused from row to row.
 */
function writeRow(sheet: ExcelJS.Worksheet, row: Row, index: number, columns: Table['columns'], styles: (CellStyle | undefined)[]): void {
  const values: ExcelJS.CellValue[] = [];
  const bold = row.bold === true;
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i]!;
    if (isAmount(cell)) {
      const formula = formulaOf(cell, index, i);
      // The cached result lets viewers that do not calculate show the value; spreadsheets recalculate it.
      values.push(formula ? { formula, result: centsToNumber(cell.cents) } : centsToNumber(cell.cents));
      styles[i] = bold ? STYLES.boldAmount : STYLES.amount;
      continue;
    }
    const date = columns[i]?.type === 'date' && cell !== '' ? dateOf(cell) : undefined;
    // An empty cell stays null and unstyled, as exceljs then writes no cell for it.
    values.push(date ?? (cell === '' ? null : xlsxText(cell)));
    styles[i] = cell === '' ? undefined : date ? (bold ? STYLES.boldDate : STYLES.date) : bold ? STYLES.boldText : STYLES.text;
  }
  const r = sheet.addRow(values);
  if (row.level > 0) r.outlineLevel = row.level;
  if (row.hidden) r.hidden = true;
  for (let i = 0; i < values.length; i++) {
    const style = styles[i];
    if (style) r.getCell(i + 1).style = style;
  }
  r.commit();
}

/** A second sheet, About: what each column of the table holds. */
function writeAbout(book: ExcelJS.stream.xlsx.WorkbookWriter, table: Table): void {
  const about = book.addWorksheet('About', { pageSetup: PAGE });
  about.columns = [{ width: 32 }, { width: 100 }];
  const header = about.addRow(['Column', 'What it holds']);
  header.eachCell((cell) => (cell.style = STYLES.boldText));
  header.commit();
  for (const c of table.columns) {
    const r = about.addRow([xlsxText(c.header), xlsxText(c.description ?? '')]);
    r.eachCell((cell) => (cell.style = STYLES.text));
    r.commit();
  }
  about.commit();
}

/**
 * A table as an XLSX workbook of one sheet and its About sheet, streamed (a 300,000-row table never sits whole in
 * memory): header frozen and filterable, columns sized, amounts formatted, dates as dates, outline groups with each
 * summary row above its group, subtotals as formulas, one font, printed landscape one page wide with the header on
 * every page. Text is always a text cell, never a formula, whatever it starts with.
 */
export async function tableToXlsx(table: Table): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  // No shared strings: the table is not kept whole to count them. The zip keeps deflate's default level: level 1
  // was measured to pack these repetitive sheets to the same size for no less CPU (engine/README.md, Performance).
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const maxLevel = table.rows.reduce((m, r) => Math.max(m, r.level), 0);
  const sheet = book.addWorksheet(table.sheet, {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS, xSplit: 0 }],
    pageSetup: PAGE_SETUP,
    properties: { outlineLevelRow: maxLevel, outlineProperties: { summaryBelow: false, summaryRight: false } },
  });
  sheet.columns = widths(table).map((width) => ({ width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const header = sheet.addRow(table.columns.map((c) => xlsxText(c.header)));
  table.columns.forEach((c, i) => {
    header.getCell(i + 1).style = c.type === 'amount' ? STYLES.boldHeaderAmount : STYLES.boldText;
  });
  header.commit();
  const styles: (CellStyle | undefined)[] = [];
  table.rows.forEach((row, i) => writeRow(sheet, row, i, table.columns, styles));
  sheet.commit();
  writeAbout(book, table);
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
