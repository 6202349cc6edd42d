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
// One style object per kind of cell. exceljs registers each in the workbook once; the header and About cells are
// styled through it, and the rows take the id it registered (styleIds).
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
 * What exceljs's streaming sheet writer has beneath its row model (exceljs 4.4.0, pinned): the sheet's XML stream
 * and the workbook's style registry. Its row model builds a row, a cell, a value, a model and an XML fragment per
 * cell, about 9 microseconds of CPU per row plus their garbage; a month's detail workbooks hold 600,000 rows
 * (engine/README.md, Performance). The rows of a table are rendered here as the XML exceljs renders for them
 * (test/reports/xlsx-rows.test.ts compares the two, byte for byte); exceljs writes everything else: the sheet's
 * head and tail, the styles, the About sheet, the package and its zip.
 */
interface SheetInternals {
  stream: { write(xml: string): void };
}
interface StyleRegistry {
  addStyleModel(style: CellStyle, cellType: ExcelJS.ValueType): number;
}

/** The id of each style in the workbook, registered as exceljs registers a cell's style the first time. */
function styleIds(book: ExcelJS.stream.xlsx.WorkbookWriter) {
  const registry = (book as unknown as { styles: StyleRegistry }).styles;
  const id = (style: CellStyle, type: ExcelJS.ValueType) => registry.addStyleModel(style, type);
  const { Number: number, String: string, Date: date } = ExcelJS.ValueType;
  return {
    text: id(STYLES.text, string),
    boldText: id(STYLES.boldText, string),
    amount: id(STYLES.amount, number),
    boldAmount: id(STYLES.boldAmount, number),
    date: id(STYLES.date, date),
    boldDate: id(STYLES.boldDate, date),
  };
}
type StyleIds = ReturnType<typeof styleIds>;

/** Text as XML character data, escaped as exceljs escapes it (control characters are already replaced). */
function xmlText(text: string): string {
  if (!/["&'<>\x7F]/.test(text)) return text;
  return text.replace(/["&'<>\x7F]/g, (c) =>
    c === '"' ? '&quot;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '',
  );
}

const DAY_MS = 24 * 3600 * 1000;
/** A date as a spreadsheet's serial number of days (the 1900 date system), as exceljs writes it. */
const serial = (date: Date) => 25569 + date.getTime() / DAY_MS;

/**
 * One row's XML: its cells in one pass, with no array or closure per cell. Text is always a text cell (`t="str"`),
 * never a formula, whatever it starts with; an empty cell is not written.
 */
function rowXml(row: Row, index: number, table: Table, letters: readonly string[], ids: StyleIds, maxLevel: number): string {
  const columns = table.columns;
  const number = index + HEADER_ROWS + 1;
  const bold = row.bold === true;
  let cells = '';
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i]!;
    const ref = `${letters[i]}${number}`;
    if (isAmount(cell)) {
      const formula = formulaOf(cell, index, i);
      // The cached result lets viewers that do not calculate show the value; spreadsheets recalculate it.
      const value = centsToNumber(cell.cents);
      const style = bold ? ids.boldAmount : ids.amount;
      cells += formula ? `<c r="${ref}" s="${style}"><f>${formula}</f><v>${value}</v></c>` : `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
      continue;
    }
    if (cell === '') continue;
    const date = columns[i]?.type === 'date' ? dateOf(cell) : undefined;
    if (date) cells += `<c r="${ref}" s="${bold ? ids.boldDate : ids.date}"><v>${serial(date)}</v></c>`;
    else cells += `<c r="${ref}" s="${bold ? ids.boldText : ids.text}" t="str"><v>${xmlText(xlsxText(cell))}</v></c>`;
  }
  const hidden = row.hidden ? ' hidden="1"' : '';
  // exceljs marks a row collapsed when its level is the sheet's deepest (outlineLevelRow).
  const level = row.level > 0 ? ` outlineLevel="${row.level}"${row.level >= maxLevel ? ' collapsed="1"' : ''}` : '';
  return `<row r="${number}"${hidden} spans="1:${row.cells.length}" x14ac:dyDescent="0.25"${level}>${cells}</row>`;
}

/** The rows of a table, after the header row, in chunks of about 64 KiB. */
function writeRows(sheet: ExcelJS.Worksheet, table: Table, ids: StyleIds, maxLevel: number): void {
  const stream = (sheet as unknown as SheetInternals).stream;
  const letters = table.columns.map((_, i) => columnLetter(i));
  let chunk = '';
  for (let i = 0; i < table.rows.length; i++) {
    chunk += rowXml(table.rows[i]!, i, table, letters, ids, maxLevel);
    if (chunk.length >= 65_536) {
      stream.write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') stream.write(chunk);
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
  // No shared strings: the table is not kept whole to count them. The zip keeps archiver's default compression.
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
  // The header row opens the sheet's data (exceljs writes the columns before it); the rows follow it.
  writeRows(sheet, table, styleIds(book), maxLevel);
  sheet.commit();
  writeAbout(book, table);
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
