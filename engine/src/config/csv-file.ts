import { parse } from 'csv-parse/sync';
import { csvKey } from '../domain/csv-keys.js';
import { diagnostic, fileStart, type Diagnostic } from '../domain/diagnostic.js';
import {
  checkCell,
  formulaIn,
  lineBreakIn,
  parseAccountCell,
  type CsvAccount,
  type CsvCell,
  type CsvColumn,
} from './csv-cells.js';
import { parseHeaderRow } from './csv-header.js';
import { pointerOf } from './pointer.js';
import { decodeUtf8, emptyFile, MAX_CSV_BYTES } from './text.js';

export type { CsvCell, CsvColumn };
export { CSV_LABELS } from './csv-header.js';

/** One data row; cells that are empty are left out (an empty cell has no opinion). */
export interface CsvRow {
  file: string;
  line: number;
  account: CsvAccount;
  cells: CsvCell[];
}

export interface ParsedCsv {
  file: string;
  rows: CsvRow[];
  /** Every non-empty data cell, valid or not: the checks that concern any text (secrets) look at each. */
  cells: CsvCell[];
  lines: string[];
  diagnostics: Diagnostic[];
}

interface Record_ {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function parseCsvFile(file: string, bytes: Uint8Array): ParsedCsv {
  const decoded = decodeUtf8(file, bytes, MAX_CSV_BYTES);
  if (!decoded.ok) return unread(file, [], [decoded.diagnostic]);
  const text = decoded.text;
  const lines = text.split(/\r?\n/);
  const semicolons = semicolonSeparated(file, lines);
  if (semicolons) return unread(file, lines, [semicolons]);
  const records = readRecords(file, text);
  if (!Array.isArray(records)) return unread(file, lines, [records]);
  const [header, ...data] = records;
  if (!header) return unread(file, lines, [emptyFile(file, 'csv')]);
  const diagnostics: Diagnostic[] = [];
  const columns = parseHeaderRow(file, header.record, cellPositions(header), diagnostics);
  if (!columns.some((c) => c?.key === csvKey.account)) diagnostics.push(missingAccountColumn(file));
  if (diagnostics.some((d) => d.severity === 'error')) return unread(file, lines, diagnostics);
  const rows: CsvRow[] = [];
  const cells: CsvCell[] = [];
  for (const rec of data) {
    const row = parseRow(file, rec, columns, diagnostics);
    cells.push(...row.cells);
    if (row.row) rows.push(row.row);
  }
  return { file, rows, cells, lines, diagnostics };
}

/** A file whose rows are not read: its diagnostics say why. */
function unread(file: string, lines: string[], diagnostics: Diagnostic[]): ParsedCsv {
  return { file, rows: [], cells: [], lines, diagnostics };
}

/** The records of the file, or the diagnostic of its first syntax error. */
function readRecords(file: string, text: string): Record_[] | Diagnostic {
  try {
    return parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as Record_[];
  } catch (error) {
    const e = error as Error & { code?: string; lines?: number; column?: number };
    return diagnostic(
      { file, line: Math.max(e.lines ?? 1, 1), column: 1, pointer: '' },
      {
        code: 'csv-syntax',
        summary: e.message.replace(/^[A-Za-z ]+: /, ''),
        allowed: 'comma-separated values with a header row, every row with as many fields as the header',
        hint:
          e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
            ? 'give this row as many fields as the header (quote values that contain a comma)'
            : 'close every quote; double a quote inside a quoted value ("")',
      },
    );
  }
}

/**
 * A header that a spreadsheet saved with ';' between the fields (the list separator of many European locales):
 * read as commas, it would be one unknown column.
 */
function semicolonSeparated(file: string, lines: readonly string[]): Diagnostic | undefined {
  const index = lines.findIndex((l) => l.trim() !== '');
  const header = (lines[index] ?? '').replace(/^\uFEFF/, '');
  let quoted = false;
  let semicolon = -1;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') return undefined;
    else if (!quoted && ch === ';' && semicolon < 0) semicolon = i;
  }
  if (semicolon < 0) return undefined;
  return diagnostic(
    { file, line: index + 1, column: semicolon + 1, pointer: pointerOf([0]) },
    {
      code: 'csv-semicolon-separator',
      summary: "this file uses ';' as separator; save it comma-separated",
      allowed: "comma-separated values: fields apart by ',' (a spreadsheet in a European language saves ';')",
      hint: "save it comma-separated: LibreOffice Calc asks for the field delimiter when saving as CSV (choose ','); Excel uses the list separator of the system (set it to ',' in the region settings), or replace ';' by ',' in a text editor when no value holds a comma",
    },
  );
}

function missingAccountColumn(file: string): Diagnostic {
  return diagnostic(fileStart(file, pointerOf([0])), {
    code: 'csv-missing-account-column',
    summary: 'the header has no Account column',
    allowed: 'a column named Account holding a 12-digit account id or the account email',
    hint: 'name the column that identifies accounts "Account"',
  });
}

/** One data row: its account, its valid cells, and every non-empty cell. */
function parseRow(
  file: string,
  rec: Record_,
  columns: readonly (CsvColumn | undefined)[],
  diagnostics: Diagnostic[],
): { row: CsvRow | undefined; cells: CsvCell[] } {
  const at = cellPositions(rec);
  const line = at[0]?.line ?? rec.info.lines;
  let account: CsvAccount | undefined;
  const all: CsvCell[] = [];
  const valid: CsvCell[] = [];
  rec.record.forEach((raw, i) => {
    const col = columns[i];
    const value = raw.trim();
    if (!col || value === '') return;
    const pos = at[i] ?? { line, column: 1 };
    const cell = {
      key: col.key,
      header: col.header,
      raw,
      value,
      ...pos,
      headerColumn: col.column,
      pointer: pointerOf([line, col.header]),
    };
    all.push(cell);
    const found: Diagnostic[] = [];
    const lineBreak = lineBreakIn(file, cell);
    if (lineBreak) found.push(lineBreak);
    if (col.key === csvKey.account) account = parseAccountCell(file, cell, found);
    else if (checkCell(file, cell, found) && !lineBreak) valid.push(cell);
    // A cell already in error (a Budget of -5) needs no second word about formulas.
    const formula = found.length === 0 ? formulaIn(file, cell) : undefined;
    diagnostics.push(...found, ...(formula ? [formula] : []));
  });
  if (account) return { row: { file, line, account, cells: valid }, cells: all };
  if (!rec.record.some((r, i) => columns[i]?.key === csvKey.account && r.trim() !== '')) {
    diagnostics.push(
      diagnostic(
        { file, line, column: 1, pointer: pointerOf([line, 'Account']) },
        {
          code: 'csv-invalid-account',
          summary: `line ${line} has no value in the Account column`,
          allowed: 'a 12-digit account id or the account email',
          hint: 'fill in the Account column, or delete the row',
        },
      ),
    );
  }
  return { row: undefined, cells: all };
}

/** Line and column of each field of a record, from its raw text (quotes may hide commas and newlines). */
function cellPositions(rec: Record_): { line: number; column: number }[] {
  let raw = rec.raw;
  while (raw.startsWith('\n') || raw.startsWith('\r')) raw = raw.slice(1);
  const body = raw.replace(/\r?\n$/, '');
  let line = rec.info.lines - (body.match(/\n/g)?.length ?? 0);
  let column = 1;
  const out: { line: number; column: number }[] = [{ line, column }];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\n') {
      line++;
      column = 1;
      continue;
    }
    column++;
    if (ch === ',' && !quoted) out.push({ line, column });
  }
  return out;
}
