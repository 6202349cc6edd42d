import { locate } from '../config/schema-validator.js';
import type {
  AccountEntry,
  CsvAccountRows,
  EffectiveAccount,
  EffectiveSettings,
  SettingsModel,
} from '../domain/model.js';
import type { Sourced } from '../domain/source.js';
import { csvRowsOf, levelsOf } from './levels.js';
import { mergeLevels, type MergeOptions } from './merge.js';

export function mergeOptions(model: SettingsModel): MergeOptions {
  const { settings } = model;
  const options: MergeOptions = { costCenterTag: settings.resolved.reporting.costCenterTag };
  if (settings.value.maintenanceWindow !== undefined) {
    const window: Sourced<string> = {
      value: settings.value.maintenanceWindow,
      source: { file: settings.file, line: locate(settings.positions, '/maintenanceWindow').line },
    };
    options.maintenanceWindow = window;
  }
  return options;
}

/** The effective settings of an account file, with provenance. */
export function effectiveAccount(model: SettingsModel, account: AccountEntry): EffectiveAccount {
  const csv = csvRowsOf(model, account);
  const settings = mergeLevels(levelsOf(model, csv ? { account, csv } : { account }), mergeOptions(model));
  const out: EffectiveAccount = {
    name: account.value.name,
    email: account.value.email.toLowerCase(),
    file: account.file,
    settings,
  };
  if (account.value.id !== undefined) out.id = account.value.id;
  return out;
}

/** The effective settings of an account that has no file, below a managed OU (known at plan time). */
export function effectiveForOu(
  model: SettingsModel,
  organizationalUnit: string,
  csv: CsvAccountRows | undefined,
): EffectiveSettings {
  return mergeLevels(
    levelsOf(model, csv ? { organizationalUnit, csv } : { organizationalUnit }),
    mergeOptions(model),
  );
}

/** Tags the engine writes beside the declared ones: <prefix>state and <prefix>holder. */
export const RESERVED_TAG_COUNT = 2;
/** AWS allows 50 user tags per resource. */
export const MAX_TAGS = 50;

export function tagCount(settings: EffectiveSettings): number {
  return Object.keys(settings.tags).length + RESERVED_TAG_COUNT;
}

/** The CSV rows of one account, merged from several groups (by id and by email); differing values conflict. */
export function mergeCsvGroups(groups: readonly CsvAccountRows[]): {
  rows: CsvAccountRows | undefined;
  conflicts: { key: string; values: { value: string; file: string; line: number }[] }[];
} {
  const [first, ...rest] = groups;
  if (!first) return { rows: undefined, conflicts: [] };
  if (rest.length === 0) return { rows: first, conflicts: [] };
  const cells = new Map(first.cells);
  const conflicts: { key: string; values: { value: string; file: string; line: number }[] }[] = [];
  for (const group of rest) {
    for (const [key, cell] of group.cells) {
      const existing = cells.get(key);
      if (!existing) cells.set(key, cell);
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

/** The effective settings of any managed account: with its file or not, with the CSV rows found for it. */
export function effectiveSettingsOf(
  model: SettingsModel,
  target: { account?: AccountEntry; organizationalUnit?: string; csv?: CsvAccountRows | undefined },
): EffectiveSettings {
  const levelsTarget: { account?: AccountEntry; organizationalUnit?: string; csv?: CsvAccountRows } = {};
  if (target.account) levelsTarget.account = target.account;
  if (target.organizationalUnit !== undefined) levelsTarget.organizationalUnit = target.organizationalUnit;
  if (target.csv) levelsTarget.csv = target.csv;
  return mergeLevels(levelsOf(model, levelsTarget), mergeOptions(model));
}
