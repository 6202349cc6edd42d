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
