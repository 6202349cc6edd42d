import type { EffectiveSettings } from '../domain/model.js';
import { csvLevel } from './csv-level.js';
import { mergeLevels, type MergeOptions } from './merge.js';
import { ouChain } from './ou-tree.js';
import type { CsvRowsData, DesiredOrganization, DesiredOu, GlobalSettings, Level } from './types.js';

export function mergeOptionsOf(settings: GlobalSettings): MergeOptions {
  const options: MergeOptions = { costCenterTag: settings.reporting.costCenterTag };
  if (settings.maintenanceWindow) options.maintenanceWindow = settings.maintenanceWindow;
  return options;
}

export interface ChainTarget {
  /** The OU the account is in (or goes to): its OU files give their settings, outer to inner. */
  ouPath: string | undefined;
  account?: Level;
  csv?: CsvRowsData | undefined;
}

/**
 * The precedence chain of an account, lowest first: settings.yaml defaults, each OU file from the root to the
 * account's OU, the account file, then the CSV rows that name it (DESIGN.md section 4).
 */
export function levelChain(
  settings: GlobalSettings,
  ous: ReadonlyMap<string, Pick<DesiredOu, 'level'>>,
  target: ChainTarget,
): Level[] {
  const levels: Level[] = [];
  if (settings.defaults) levels.push(settings.defaults);
  if (target.ouPath !== undefined) {
    for (const path of ouChain(target.ouPath)) {
      const ou = ous.get(path);
      if (ou) levels.push(ou.level);
    }
  }
  if (target.account) levels.push(target.account);
  if (target.csv) levels.push(csvLevel(target.csv));
  return levels;
}

/** The effective settings at the end of a chain. */
export function effectiveOf(
  desired: Pick<DesiredOrganization, 'settings'>,
  ous: ReadonlyMap<string, Pick<DesiredOu, 'level'>>,
  target: ChainTarget,
): EffectiveSettings {
  return mergeLevels(levelChain(desired.settings, ous, target), mergeOptionsOf(desired.settings));
}
