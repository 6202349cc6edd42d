import { parse } from 'csv-parse/sync';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { Provenance } from '../domain/source.js';
import { pointerOf } from './pointer.js';
import { quote, suggest, validateAgainst } from './schema-validator.js';
import { decodeUtf8, MAX_CSV_BYTES } from './text.js';

/** The columns a CSV file may have (DESIGN.md section 4, from the original's grammar). */
export const CSV_LABELS = ['Account', 'Note', 'Budget', 'Tag', 'Preparation', 'Purge'] as const;
const KEYED = new Set(['Tag', 'Preparation', 'Purge']);

export interface CsvColumn {
  header: string;
  /** `account`, `note`, `budget`, `tag:<key>`, `preparation:<VAR>`, `purge:<VAR>`. */
  key: string;
  column: number;
}

/** One data row; cells that are empty are left out (an empty cell has no opinion). */
export interface CsvRow {
  file: string;
  line: number;
  account: { value: string; kind: 'id' | 'email'; source: Provenance };
  cells: { key: string; header: string; value: string; line: number; column: number; pointer: string }[];
}

export interface ParsedCsv {
  file: string;
  rows: CsvRow[];
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
  if (!decoded.ok) return { file, rows: [], lines: [], diagnostics: [decoded.diagnostic] };
  const text = decoded.text;
  const lines = text.split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  let records: Record_[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as Record_[];
  } catch (error) {
    const e = error as Error & { code?: string; lines?: number; column?: number };
    return {
      file,
      rows: [],
      lines,
      diagnostics: [
        {
          severity: 'error',
          code: 'csv-syntax',
          file,
          line: Math.max(e.lines ?? 1, 1),
          column: 1,
          pointer: '',
          summary: e.message.replace(/^[A-Za-z ]+: /, ''),
          allowed: 'comma-separated values with a header row, every row with as many fields as the header',
          hint:
            e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
              ? 'give this row as many fields as the header (quote values that contain a comma)'
              : 'close every quote; double a quote inside a quoted value ("")',
        },
      ],
    };
  }
  if (records.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-file',
      file,
      line: 1,
      column: 1,
      pointer: '',
      summary: 'the CSV file is empty',
      allowed: 'a header row with an Account column, then one row per account',
      hint: 'add the header "Account,Tag: cost-center" and rows, or delete the file',
    });
    return { file, rows: [], lines, diagnostics };
  }

  const [header, ...data] = records as [Record_, ...Record_[]];
  const headerAt = cellPositions(header);
  const columns: (CsvColumn | undefined)[] = [];
  const seenKeys = new Map<string, number>();
  header.record.forEach((raw, i) => {
    const at = headerAt[i] ?? { line: 1, column: 1 };
    const column = parseHeader(file, raw.trim(), at, diagnostics);
    if (column) {
      const previous = seenKeys.get(column.key);
      if (previous !== undefined) {
        diagnostics.push({
          severity: 'error',
          code: 'csv-duplicate-column',
          file,
          line: at.line,
          column: at.column,
          pointer: pointerOf([0, raw]),
          summary: `column "${raw.trim()}" appears twice in the header`,
          value: raw.trim(),
          allowed: 'each column once',
          hint: 'merge the two columns into one',
          related: [{ file, line: 1, column: headerAt[previous]?.column ?? 1 }],
        });
        columns.push(undefined);
        return;
      }
      seenKeys.set(column.key, i);
    }
    columns.push(column ? { ...column, column: at.column } : undefined);
  });
  if (!seenKeys.has('account')) {
    diagnostics.push({
      severity: 'error',
      code: 'csv-missing-account-column',
      file,
      line: 1,
      column: 1,
      pointer: pointerOf([0]),
      summary: 'the header has no Account column',
      allowed: 'a column named Account holding a 12-digit account id or the account email',
      hint: 'name the column that identifies accounts "Account"',
    });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { file, rows: [], lines, diagnostics };

  const rows: CsvRow[] = [];
  for (const rec of data) {
    const at = cellPositions(rec);
    const line = at[0]?.line ?? rec.info.lines;
    let account: CsvRow['account'] | undefined;
    const cells: CsvRow['cells'] = [];
    rec.record.forEach((raw, i) => {
      const col = columns[i];
      const value = raw.trim();
      if (!col || value === '') return;
      const pos = at[i] ?? { line, column: 1 };
      const pointer = pointerOf([line, col.header]);
      if (col.key === 'account') {
        account = parseAccountCell(file, value, pos, pointer, diagnostics);
        return;
      }
      if (checkCell(file, col, value, pos, pointer, diagnostics)) {
        cells.push({ key: col.key, header: col.header, value, line: pos.line, column: pos.column, pointer });
      }
    });
    if (!account) {
      if (!rec.record.some((r, i) => columns[i]?.key === 'account' && r.trim() !== '')) {
        diagnostics.push({
          severity: 'error',
          code: 'csv-invalid-account',
          file,
          line,
          column: 1,
          pointer: pointerOf([line, 'Account']),
          summary: `line ${line} has no value in the Account column`,
          allowed: 'a 12-digit account id or the account email',
          hint: 'fill in the Account column, or delete the row',
        });
      }
      continue;
    }
    rows.push({ file, line, account, cells });
  }
  return { file, rows, lines, diagnostics };
}

function parseHeader(
  file: string,
  header: string,
  at: { line: number; column: number },
  diagnostics: Diagnostic[],
): Omit<CsvColumn, 'column'> | undefined {
  const colon = header.indexOf(':');
  const label = (colon >= 0 ? header.slice(0, colon) : header).trim();
  const key = colon >= 0 ? header.slice(colon + 1).trim() : '';
  const base = { file, line: at.line, column: at.column, pointer: pointerOf([0, header]) };
  const known = CSV_LABELS as readonly string[];
  if (!known.includes(label)) {
    const guess = suggest(label, [...known]);
    diagnostics.push({
      severity: 'error',
      code: 'csv-unknown-column',
      ...base,
      summary: `unknown column "${header}"${guess ? `; did you mean "${guess}${KEYED.has(guess) ? ': ...' : ''}"?` : ''}`,
      value: header,
      allowed: 'Account, Note, Budget, Tag: <key>, Preparation: <VARIABLE>, Purge: <VARIABLE>',
      hint: guess ? `rename the column to start with "${guess}"` : 'rename or remove the column',
    });
    return undefined;
  }
  if (KEYED.has(label) && key === '') {
    diagnostics.push({
      severity: 'error',
      code: 'csv-unknown-column',
      ...base,
      summary: `column "${header}" needs a key after "${label}:"`,
      value: header,
      allowed: `${label}: <${label === 'Tag' ? 'key' : 'VARIABLE'}>`,
      hint: `write the column as "${label}: ${label === 'Tag' ? 'cost-center' : 'MAXIMUM_AGE'}"`,
    });
    return undefined;
  }
  if (!KEYED.has(label) && colon >= 0) {
    diagnostics.push({
      severity: 'error',
      code: 'csv-unknown-column',
      ...base,
      summary: `column "${label}" takes no key, got "${header}"`,
      value: header,
      allowed: label,
      hint: `name the column "${label}"`,
    });
    return undefined;
  }
  if (label === 'Tag') {
    const problems = validateAgainst(
      'common.schema.json#/$defs/tagKey',
      { file, value: key, positions: positionOf(at) },
      {
        label: `tag key "${key}" in column "${header}"`,
        prefix: base.pointer,
      },
    );
    if (problems.length > 0) {
      diagnostics.push(...problems);
      return undefined;
    }
  }
  if (label === 'Preparation' || label === 'Purge') {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(key)) {
      diagnostics.push({
        severity: 'error',
        code: 'invalid-variable-name',
        ...base,
        summary: `variable name "${key}" in column "${header}" has the wrong form`,
        value: key,
        allowed: 'letters, digits and _, not starting with a digit',
        hint: `rename the column, for example "${label}: ${key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1')}"`,
      });
      return undefined;
    }
  }
  return { header, key: KEYED.has(label) ? `${label.toLowerCase()}:${key}` : label.toLowerCase() };
}

function parseAccountCell(
  file: string,
  value: string,
  at: { line: number; column: number },
  pointer: string,
  diagnostics: Diagnostic[],
): CsvRow['account'] | undefined {
  const source = { file, line: at.line };
  if (/^[0-9]{12}$/.test(value)) return { value, kind: 'id', source };
  if (value.includes('@')) {
    const problems = validateAgainst(
      'common.schema.json#/$defs/email',
      { file, value, positions: positionOf(at) },
      {
        label: `Account ${quote(value)}`,
        prefix: pointer,
      },
    );
    if (problems.length === 0) return { value: value.toLowerCase(), kind: 'email', source };
    diagnostics.push(...problems.map((d) => ({ ...d, code: 'csv-invalid-account' })));
    return undefined;
  }
  const digits = /^[0-9]+$/.test(value);
  diagnostics.push({
    severity: 'error',
    code: 'csv-invalid-account',
    file,
    line: at.line,
    column: at.column,
    pointer,
    summary: `Account ${quote(value)} is neither a 12-digit account id nor an email`,
    value,
    allowed: 'a 12-digit account id or the account email',
    hint:
      digits && value.length < 12
        ? 'a spreadsheet may have dropped leading zeros: format the column as text and write all 12 digits'
        : 'write the 12-digit account id or the account email',
  });
  return undefined;
}

function checkCell(
  file: string,
  col: CsvColumn,
  value: string,
  at: { line: number; column: number },
  pointer: string,
  diagnostics: Diagnostic[],
): boolean {
  const target = { file, value: value as unknown, positions: positionOf(at) };
  const options = { label: `column "${col.header}" of line ${at.line}`, prefix: pointer };
  let problems: Diagnostic[] = [];
  if (col.key.startsWith('tag:')) {
    problems = validateAgainst('common.schema.json#/$defs/tagValue', target, options);
  } else if (col.key === 'budget') {
    const amount = Number(value);
    if (!Number.isFinite(amount) || amount <= 0 || !/^[0-9]+(\.[0-9]+)?$/.test(value)) {
      problems = [
        {
          severity: 'error',
          code: 'invalid-budget',
          file,
          line: at.line,
          column: at.column,
          pointer,
          summary: `Budget ${quote(value)} on line ${at.line} is not a positive amount`,
          value,
          allowed:
            'a number greater than 0, such as 200 or 150.50, without currency sign or thousands separator',
          hint: 'write the amount as digits, such as 200',
        },
      ];
    }
  } else if (col.key === 'note') {
    problems = validateAgainst('common.schema.json#/$defs/note', target, options);
  }
  diagnostics.push(...problems);
  return problems.length === 0;
}

function positionOf(at: { line: number; column: number }): Map<string, { line: number; column: number }> {
  return new Map([['', at]]);
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
