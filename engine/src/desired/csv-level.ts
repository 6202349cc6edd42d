import { pointerOf } from '../config/pointer.js';
import type { CsvAccountRows } from '../domain/model.js';
import type { CsvRowsData, Level, LevelFields } from '../domain/generated/types.js';
import type { Provenance } from '../domain/source.js';
import { csvKey } from '../domain/csv-keys.js';

export type { CsvRowsData };

/** The CSV rows of one account as plain data (the cells keep their value and where they were written). */
export function csvRowsData(rows: CsvAccountRows): CsvRowsData {
  const cells: CsvRowsData['cells'] = {};
  for (const [key, cell] of rows.cells) cells[key] = { value: cell.value, source: cell.source };
  return { account: rows.account, kind: rows.kind, source: rows.source, cells };
}

/** The CSV rows of an account as the highest level of its precedence chain. */
export function csvLevel(rows: CsvRowsData): Level {
  const fields: LevelFields = {};
  const sources: Record<string, Provenance> = {};
  for (const [key, cell] of Object.entries(rows.cells)) {
    const parsed = csvKey.parse(key);
    if (parsed.kind === 'note') {
      fields.note = cell.value;
      sources['/note'] = cell.source;
    } else if (parsed.kind === 'budget') {
      fields.budget = { amount: Number(cell.value) };
      sources['/budget/amount'] = cell.source;
    } else if (parsed.kind === 'tag') {
      (fields.tags ??= {})[parsed.name] = cell.value;
      sources[pointerOf(['tags', parsed.name])] = cell.source;
    } else {
      const task = (fields[parsed.kind] ??= {});
      (task.variables ??= {})[parsed.name] = cell.value;
      sources[pointerOf([parsed.kind, 'variables', parsed.name])] = cell.source;
    }
  }
  return { kind: 'csv', fields, sources, fallback: rows.source };
}

export interface CsvConflict {
  key: string;
  values: { value: string; file: string; line: number }[];
}

/** The CSV rows of one account, merged from several groups (by file, id and email); differing values conflict. */
export function mergeCsvRows(groups: readonly CsvRowsData[]): {
  rows: CsvRowsData | undefined;
  conflicts: CsvConflict[];
} {
  const [first, ...rest] = groups;
  if (!first) return { rows: undefined, conflicts: [] };
  if (rest.length === 0) return { rows: first, conflicts: [] };
  const cells = { ...first.cells };
  const conflicts: CsvConflict[] = [];
  for (const group of rest) {
    for (const [key, cell] of Object.entries(group.cells)) {
      const existing = cells[key];
      if (!existing) cells[key] = cell;
      else if (existing.value !== cell.value) {
        conflicts.push({
          key,
          values: [
            { value: existing.value, file: existing.source.file, line: existing.source.line },
            { value: cell.value, file: cell.source.file, line: cell.source.line },
          ],
        });
      }
    }
  }
  return { rows: { ...first, cells }, conflicts };
}
