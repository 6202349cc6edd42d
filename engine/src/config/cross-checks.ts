import type { Diagnostic } from '../domain/diagnostic.js';
import type { AccountEntry, CsvAccountRows, OuEntry, SettingsModel } from '../domain/model.js';
import { reservedTags } from '../domain/names.js';
import { checkAccounts } from './check-accounts.js';
import { checkLevel, type LevelFile } from './check-levels.js';
import { checkOus } from './check-ous.js';
import type { CsvRow } from './csv-file.js';
import { mergeCsv } from './csv-merge.js';
import { SETTINGS_DEFAULTS } from './resolve-settings.js';
import { checkScheduleAt } from './schedule.js';

interface Context {
  settings: SettingsModel['settings'] | undefined;
  ous: Map<string, OuEntry>;
  accounts: AccountEntry[];
  csvRows: CsvRow[];
  diagnostics: Diagnostic[];
}

/** Checks that span files; returns the CSV rows merged per account. */
export function crossCheck(ctx: Context): CsvAccountRows[] {
  const { settings, ous, accounts, diagnostics: out } = ctx;
  const resolved = settings?.resolved;
  const prefix = resolved?.tagPolicy.prefix ?? SETTINGS_DEFAULTS.tagPrefix;
  const reserved = reservedTags(prefix);
  const costCenterTag = resolved?.reporting.costCenterTag ?? SETTINGS_DEFAULTS.costCenterTag;
  for (const level of levelFiles(ctx)) checkLevel(level, reserved, costCenterTag, out);
  checkOus(settings, ous, out);
  checkAccounts(settings, ous, accounts, out);
  const maintenanceWindow = settings?.value.maintenanceWindow;
  if (settings && maintenanceWindow)
    checkScheduleAt(settings.file, settings.positions, '/maintenanceWindow', maintenanceWindow, out);
  return mergeCsv(accounts, ctx.csvRows, { reserved, costCenterTag }, out);
}

/** Every file that gives account settings, lowest precedence first. */
function levelFiles(ctx: Context): LevelFile[] {
  const levels: LevelFile[] = [];
  const defaults = ctx.settings?.value.defaults;
  if (ctx.settings && defaults) {
    const { file, positions } = ctx.settings;
    levels.push({ file, positions, prefix: '/defaults', fields: defaults });
  }
  for (const ou of ctx.ous.values())
    levels.push({ file: ou.file, positions: ou.positions, prefix: '', fields: ou.value });
  for (const a of ctx.accounts)
    levels.push({ file: a.file, positions: a.positions, prefix: '', fields: a.value });
  return levels;
}
