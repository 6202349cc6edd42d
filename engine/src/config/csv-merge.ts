import { diagnostic, fileStart, warning, type Diagnostic } from '../domain/diagnostic.js';
import { csvKey, type CsvKey } from '../domain/csv-keys.js';
import type { AccountEntry, CsvAccountRows, CsvCell } from '../domain/model.js';
import { isReserved, type ReservedTags } from '../domain/names.js';
import { anyKeyBut, reservedReason } from './check-levels.js';
import { cellSite, type CsvCell as CsvFileCell } from './csv-cells.js';
import type { CsvRow } from './csv-file.js';
import { locationOf } from './locate.js';
import { quote } from './message-words.js';
import { pointerOf } from './pointer.js';

/** The tag rules that CSV columns follow too. */
export interface CsvRules {
  reserved: ReservedTags;
  costCenterTag: string;
}

/** The rows of one account, with its account file when one has the row's id or email. */
type Group = CsvAccountRows & { entry: AccountEntry | undefined };

interface MergeState extends CsvRules {
  byId: Map<string, AccountEntry>;
  byEmail: Map<string, AccountEntry>;
  groups: Map<string, Group>;
  /** `<file>|<header>` of the reserved columns already reported: once per column, not per row. */
  reportedHeaders: Set<string>;
  out: Diagnostic[];
}

/**
 * Merges the CSV rows per account: later files only add, two different values for one key are an error, a
 * value that replaces one of the account file is a warning.
 */
export function mergeCsv(
  accounts: readonly AccountEntry[],
  rows: readonly CsvRow[],
  rules: CsvRules,
  out: Diagnostic[],
): CsvAccountRows[] {
  const state: MergeState = {
    ...rules,
    byId: new Map(),
    byEmail: new Map(),
    groups: new Map(),
    reportedHeaders: new Set(),
    out,
  };
  for (const a of accounts) {
    if (a.value.id) state.byId.set(a.value.id, a);
    state.byEmail.set(a.value.email.toLowerCase(), a);
  }
  for (const row of rows) {
    const group = groupOf(row, state);
    for (const cell of row.cells) addCell(row, cell, group, state);
  }
  return [...state.groups.values()].map(({ entry: _entry, ...merged }) => merged);
}

/** The group of a row's account: by its account file when one matches, else by the id or email written. */
function groupOf(row: CsvRow, state: MergeState): Group {
  const { account } = row;
  const entry = account.kind === 'id' ? state.byId.get(account.value) : state.byEmail.get(account.value);
  const key = entry ? `file:${entry.file}` : `${account.kind}:${account.value}`;
  const existing = state.groups.get(key);
  if (existing) return existing;
  const group: Group = {
    account: account.value,
    kind: account.kind,
    source: account.source,
    cells: new Map(),
    entry,
  };
  if (entry) group.accountFile = entry.file;
  state.groups.set(key, group);
  if (!entry) state.out.push(unmatchedRow(row));
  return group;
}

function addCell(row: CsvRow, cell: CsvFileCell, group: Group, state: MergeState): void {
  const key = csvKey.parse(cell.key);
  if (key.kind === 'tag' && isReserved(state.reserved, key.name)) {
    const id = `${row.file}|${cell.header}`;
    if (state.reportedHeaders.has(id)) return;
    state.reportedHeaders.add(id);
    state.out.push(reservedColumn(row.file, cell, key.name, state.reserved));
    return;
  }
  const previous = group.cells.get(cell.key);
  if (previous) {
    if (previous.value !== cell.value) state.out.push(conflict(row, cell, previous));
    return;
  }
  const merged: CsvCell = {
    value: cell.value,
    source: { file: row.file, line: cell.line },
    column: cell.column,
    pointer: cell.pointer,
  };
  group.cells.set(cell.key, merged);
  if (!group.entry) return;
  const override = overrideWarning(group.entry, key, cell.header, merged, state.costCenterTag);
  if (override) state.out.push(override);
}

function unmatchedRow(row: CsvRow): Diagnostic {
  return warning(
    { file: row.file, line: row.line, column: 1, pointer: pointerOf([row.line, 'Account']) },
    {
      code: 'csv-unmatched-row',
      summary: `no account file has the ${row.account.kind} "${row.account.value}"`,
      value: row.account.value,
      allowed: 'the id or email of an account file, or of an account below a managed OU',
      hint: 'if the account is below a managed OU, the plan applies the row; otherwise the plan reports it as an error. Check for a typo.',
    },
  );
}

/** Points at the column in the header row (the first line of a tags CSV). */
function reservedColumn(file: string, cell: CsvFileCell, tag: string, reserved: ReservedTags): Diagnostic {
  const header = cell.header;
  return diagnostic(
    { ...fileStart(file, pointerOf([0, header])), column: cell.headerColumn },
    {
      code: 'reserved-tag',
      summary: `column "${header}" sets a reserved tag: ${reservedReason(reserved, tag)}`,
      value: header,
      allowed: anyKeyBut(reserved),
      hint: 'remove the column: the lifecycle owns the state tag, holder comes from the account file, and the engine writes managed-by and spa-environment',
    },
  );
}

function conflict(row: CsvRow, cell: CsvFileCell, previous: CsvCell): Diagnostic {
  return diagnostic(cellSite(row.file, cell), {
    code: 'csv-conflict',
    summary: `"${cell.header}" of ${row.account.value} is "${cell.value}" here but "${previous.value}" in ${previous.source.file}:${previous.source.line}`,
    value: cell.value,
    allowed: 'one value per account and column across all CSV files',
    hint: 'agree on one value and remove the other (or leave one cell empty: an empty cell has no opinion)',
    related: [{ file: previous.source.file, line: previous.source.line, column: previous.column }],
  });
}

/** A CSV value that replaces another value written in the account file. */
function overrideWarning(
  entry: AccountEntry,
  key: CsvKey,
  header: string,
  cell: CsvCell,
  costCenterTag: string,
): Diagnostic | undefined {
  const written = accountValue(entry, key, costCenterTag);
  if (!written) return undefined;
  const { pointer, current } = written;
  if (String(current) === cell.value || (key.kind === 'budget' && Number(current) === Number(cell.value)))
    return undefined;
  return warning(
    { file: cell.source.file, line: cell.source.line, column: cell.column, pointer: cell.pointer },
    {
      code: 'csv-overrides-account',
      summary: `"${header}" = "${cell.value}" overrides ${quote(current)} written in ${entry.file}`,
      value: cell.value,
      allowed: 'CSV columns are authoritative for what they declare',
      hint: `remove the value from ${entry.file} (or from the CSV) so that one place owns it`,
      related: [locationOf(entry.file, entry.positions, pointer)],
    },
  );
}

/** The value the account file writes for a CSV key, and where; undefined when it writes none. */
function accountValue(
  entry: AccountEntry,
  key: CsvKey,
  costCenterTag: string,
): { pointer: string; current: unknown } | undefined {
  const v = entry.value;
  switch (key.kind) {
    case 'tag':
      if (v.tags?.[key.name] !== undefined)
        return { pointer: pointerOf(['tags', key.name]), current: v.tags[key.name] };
      if (key.name === costCenterTag && v.costCenter !== undefined)
        return { pointer: '/costCenter', current: v.costCenter };
      return undefined;
    case 'budget':
      return v.budget?.amount === undefined
        ? undefined
        : { pointer: '/budget/amount', current: v.budget.amount };
    case 'note':
      return v.note === undefined ? undefined : { pointer: '/note', current: v.note };
    case 'preparation':
    case 'purge': {
      const value = v[key.kind]?.variables?.[key.name];
      return value === undefined
        ? undefined
        : { pointer: pointerOf([key.kind, 'variables', key.name]), current: value };
    }
  }
}
