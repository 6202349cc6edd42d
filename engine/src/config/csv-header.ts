import type { Diagnostic } from '../domain/diagnostic.js';
import { positionOf, type CsvColumn } from './csv-cells.js';
import { pointerOf } from './pointer.js';
import { suggest, validateAgainst } from './schema-validator.js';

/** The columns a CSV file may have (DESIGN.md section 4, from the original's grammar). */
export const CSV_LABELS = ['Account', 'Note', 'Budget', 'Tag', 'Preparation', 'Purge'] as const;
const KEYED = new Set(['Tag', 'Preparation', 'Purge']);

/** The column of each header field (undefined where the header is wrong: a diagnostic says why). */
export function parseHeaderRow(
  file: string,
  record: readonly string[],
  headerAt: readonly { line: number; column: number }[],
  diagnostics: Diagnostic[],
): (CsvColumn | undefined)[] {
  const columns: (CsvColumn | undefined)[] = [];
  const seenKeys = new Map<string, number>();
  record.forEach((raw, i) => {
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
  return columns;
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
