import { csvKey } from '../domain/csv-keys.js';
import { diagnostic, type Diagnostic, type DiagnosticSite } from '../domain/diagnostic.js';
import { positionOf, type CsvColumn } from './csv-cells.js';
import { suggest } from './message-words.js';
import { pointerOf } from './pointer.js';
import { validateAgainst } from './schema-validator.js';

/** The columns a CSV file may have (DESIGN.md section 4, from the original's grammar). */
export const CSV_LABELS = ['Account', 'Note', 'Budget', 'Tag', 'Preparation', 'Purge'] as const;
type CsvLabel = (typeof CSV_LABELS)[number];
const KEYED = new Set(['Tag', 'Preparation', 'Purge']);

/** The key of the values of a column, from its label and the key written after it (`Tag: cost-center`). */
const KEY_OF: Record<CsvLabel, (key: string) => string> = {
  Account: () => csvKey.account,
  Note: () => csvKey.note,
  Budget: () => csvKey.budget,
  Tag: csvKey.tag,
  Preparation: csvKey.preparation,
  Purge: csvKey.purge,
};
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

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
        diagnostics.push(
          diagnostic(
            { file, ...at, pointer: pointerOf([0, raw]) },
            {
              code: 'csv-duplicate-column',
              summary: `column "${raw.trim()}" appears twice in the header`,
              value: raw.trim(),
              allowed: 'each column once',
              hint: 'merge the two columns into one',
              related: [{ file, line: 1, column: headerAt[previous]?.column ?? 1 }],
            },
          ),
        );
        columns.push(undefined);
        return;
      }
      seenKeys.set(column.key, i);
    }
    columns.push(column ? { ...column, column: at.column } : undefined);
  });
  return columns;
}

/** A header field as the grammar reads it: `Label` or `Label: key`. */
interface HeaderField {
  header: string;
  label: string;
  key: string;
  hasKey: boolean;
  at: DiagnosticSite;
}

function parseHeader(
  file: string,
  header: string,
  at: { line: number; column: number },
  diagnostics: Diagnostic[],
): Omit<CsvColumn, 'column'> | undefined {
  const colon = header.indexOf(':');
  const field: HeaderField = {
    header,
    label: (colon >= 0 ? header.slice(0, colon) : header).trim(),
    key: colon >= 0 ? header.slice(colon + 1).trim() : '',
    hasKey: colon >= 0,
    at: { file, ...at, pointer: pointerOf([0, header]) },
  };
  const problems = headerProblems(field);
  if (problems.length > 0) {
    diagnostics.push(...problems);
    return undefined;
  }
  return { header, key: KEY_OF[field.label as CsvLabel](field.key) };
}

/** The first rule of the grammar that a header field breaks. */
function headerProblems(field: HeaderField): Diagnostic[] {
  const { label, key } = field;
  if (!(CSV_LABELS as readonly string[]).includes(label)) return [unknownColumn(field)];
  if (KEYED.has(label) && key === '') return [keyMissing(field)];
  if (!KEYED.has(label) && field.hasKey) return [keyNotTaken(field)];
  if (label === 'Tag') return tagKeyProblems(field);
  if ((label === 'Preparation' || label === 'Purge') && !VARIABLE_NAME.test(key))
    return [badVariableName(field)];
  return [];
}

function unknownColumn({ header, label, at }: HeaderField): Diagnostic {
  const guess = suggest(label, [...CSV_LABELS]);
  return diagnostic(at, {
    code: 'csv-unknown-column',
    summary: `unknown column "${header}"${guess ? `; did you mean "${guess}${KEYED.has(guess) ? ': ...' : ''}"?` : ''}`,
    value: header,
    allowed: 'Account, Note, Budget, Tag: <key>, Preparation: <VARIABLE>, Purge: <VARIABLE>',
    hint: guess ? `rename the column to start with "${guess}"` : 'rename or remove the column',
  });
}

function keyMissing({ header, label, at }: HeaderField): Diagnostic {
  return diagnostic(at, {
    code: 'csv-unknown-column',
    summary: `column "${header}" needs a key after "${label}:"`,
    value: header,
    allowed: `${label}: <${label === 'Tag' ? 'key' : 'VARIABLE'}>`,
    hint: `write the column as "${label}: ${label === 'Tag' ? 'cost-center' : 'MAXIMUM_AGE'}"`,
  });
}

function keyNotTaken({ header, label, at }: HeaderField): Diagnostic {
  return diagnostic(at, {
    code: 'csv-unknown-column',
    summary: `column "${label}" takes no key, got "${header}"`,
    value: header,
    allowed: label,
    hint: `name the column "${label}"`,
  });
}

function tagKeyProblems({ header, key, at }: HeaderField): Diagnostic[] {
  return validateAgainst(
    'common.schema.json#/$defs/tagKey',
    { file: at.file, value: key, positions: positionOf(at) },
    { label: `tag key "${key}" in column "${header}"`, prefix: at.pointer },
  );
}

function badVariableName({ header, label, key, at }: HeaderField): Diagnostic {
  return diagnostic(at, {
    code: 'invalid-variable-name',
    summary: `variable name "${key}" in column "${header}" has the wrong form`,
    value: key,
    allowed: 'letters, digits and _, not starting with a digit',
    hint: `rename the column, for example "${label}: ${key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1')}"`,
  });
}
