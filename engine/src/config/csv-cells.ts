import { csvKey } from '../domain/csv-keys.js';
import { diagnostic, warning, type Diagnostic, type DiagnosticSite } from '../domain/diagnostic.js';
import type { Provenance } from '../domain/source.js';
import { quote } from './message-words.js';
import { validateAgainst } from './schema-validator.js';

/** One column of the header, as the grammar reads it. */
export interface CsvColumn {
  header: string;
  /** `account`, `note`, `budget`, `tag:<key>`, `preparation:<VAR>`, `purge:<VAR>`. */
  key: string;
  column: number;
}

/** A non-empty data cell, as written in the file (`raw`) and trimmed (`value`). */
export interface CsvCell {
  key: string;
  header: string;
  raw: string;
  value: string;
  line: number;
  column: number;
  /** The column of its header field (the header is line 1). */
  headerColumn: number;
  pointer: string;
}

export type CsvAccount = { value: string; kind: 'id' | 'email'; source: Provenance };

type At = { line: number; column: number };

export function positionOf(at: At): Map<string, At> {
  return new Map([['', at]]);
}

/** Where a diagnostic about a cell points. */
export function cellSite(file: string, cell: CsvCell): DiagnosticSite {
  return { file, line: cell.line, column: cell.column, pointer: cell.pointer };
}

export function parseAccountCell(
  file: string,
  cell: CsvCell,
  diagnostics: Diagnostic[],
): CsvAccount | undefined {
  const { value, pointer } = cell;
  const source = { file, line: cell.line };
  if (/^[0-9]{12}$/.test(value)) return { value, kind: 'id', source };
  if (value.includes('@')) {
    const problems = validateAgainst(
      'common.schema.json#/$defs/email',
      { file, value, positions: positionOf(cell) },
      { label: `Account ${quote(value)}`, prefix: pointer },
    );
    if (problems.length === 0) return { value: value.toLowerCase(), kind: 'email', source };
    diagnostics.push(...problems.map((d) => ({ ...d, code: 'csv-invalid-account' })));
    return undefined;
  }
  const digits = /^[0-9]+$/.test(value);
  const scientific = /^[0-9]([.,][0-9]+)?E\+?[0-9]+$/i.test(value);
  diagnostics.push(
    diagnostic(cellSite(file, cell), {
      code: 'csv-invalid-account',
      summary: `Account ${quote(value)} is neither a 12-digit account id nor an email`,
      value,
      allowed: 'a 12-digit account id or the account email',
      hint: scientific
        ? 'Excel turned the account id into a number in scientific notation and lost its last digits: format the Account column as text (Format Cells, Text) and type the 12 digits again'
        : digits && value.length < 12
          ? 'a spreadsheet may have dropped leading zeros: format the column as text and write all 12 digits'
          : 'write the 12-digit account id or the account email',
    }),
  );
  return undefined;
}

/** The checks of the column's kind (any but Account); true when the cell is valid. */
export function checkCell(file: string, cell: CsvCell, diagnostics: Diagnostic[]): boolean {
  const { value, pointer } = cell;
  const target = { file, value: value as unknown, positions: positionOf(cell) };
  const options = { label: `column "${cell.header}" of line ${cell.line}`, prefix: pointer };
  const { kind } = csvKey.parse(cell.key);
  let problems: Diagnostic[] = [];
  if (kind === 'tag') {
    problems = validateAgainst('common.schema.json#/$defs/tagValue', target, options);
  } else if (kind === 'budget') {
    const amount = Number(value);
    if (!Number.isFinite(amount) || amount <= 0 || !/^[0-9]+(\.[0-9]+)?$/.test(value)) {
      problems = [
        diagnostic(cellSite(file, cell), {
          code: 'invalid-budget',
          summary: `Budget ${quote(value)} on line ${cell.line} is not a positive amount`,
          value,
          allowed:
            'a number greater than 0, such as 200 or 150.50, without currency sign or thousands separator',
          hint: 'write the amount as digits, such as 200',
        }),
      ];
    }
  } else if (kind === 'note') {
    problems = validateAgainst('common.schema.json#/$defs/note', target, options);
  }
  diagnostics.push(...problems);
  return problems.length === 0;
}

/** A line break inside a quoted cell: printed as is, it would forge lines in `spa explain` and the plan. */
export function lineBreakIn(file: string, cell: CsvCell): Diagnostic | undefined {
  if (!/[\r\n]/.test(cell.raw)) return undefined;
  return diagnostic(cellSite(file, cell), {
    code: 'csv-line-break',
    summary: `column "${cell.header}" of line ${cell.line} holds a line break: ${quote(cell.value)}`,
    value: cell.value,
    allowed: 'one line of text per cell',
    hint: 'write the cell on one line (replace the line break with a space or "; ")',
  });
}

/** Characters that make a spreadsheet run a cell as a formula when it opens the file. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** A cell that a spreadsheet would run as a formula (CSV injection); a warning, since the engine reads text. */
export function formulaIn(file: string, cell: CsvCell): Diagnostic | undefined {
  const first = FORMULA_START.has(cell.raw.charAt(0)) ? cell.raw.charAt(0) : cell.value.charAt(0);
  if (!FORMULA_START.has(first)) return undefined;
  return warning(cellSite(file, cell), {
    code: 'csv-formula',
    summary: `column "${cell.header}" of line ${cell.line} starts with ${quote(first)}: a spreadsheet that opens this file would run ${quote(cell.value)} as a formula`,
    value: cell.value,
    allowed: 'a cell that does not start with =, +, -, @, a tab or a carriage return',
    hint: 'rephrase the value so that it starts with a letter or a digit (for example "minus-5" rather than "-5", "at-home" rather than "@home")',
  });
}
