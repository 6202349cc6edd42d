import type { EffectiveSettings } from '../domain/model.js';
import { csvLevel } from './csv-level.js';
import { mergeLevels } from './merge.js';
import { effectiveOu, type EffectiveOu } from './ou-tree.js';
import { ouTreeOfDesired } from './ou-tree-of.js';
import type { CsvRowsData, DesiredOrganization, DesiredOu, GlobalSettings, Level } from './types.js';

export interface ChainTarget {
  /** The OU the account is in (or goes to): its OU files give their settings, outer to inner. */
  ouPath: string | undefined;
  account?: Level;
  csv?: CsvRowsData | undefined;
}

/** The effective settings of the OU an account is in; outside any OU, settings.yaml's alone. */
function ouOf(
  settings: GlobalSettings,
  ous: ReadonlyMap<string, DesiredOu>,
  ouPath: string | undefined,
): Pick<EffectiveOu, 'levels' | 'maintenanceWindow'> {
  if (ouPath === undefined) return { levels: [], maintenanceWindow: settings.maintenanceWindow };
  return effectiveOu(ouTreeOfDesired(settings, ous), ouPath);
}

/**
 * The precedence chain of an account, lowest first: settings.yaml defaults, each OU file from the root to the
 * account's OU, the account file, then the CSV rows that name it (DESIGN.md section 4).
 */
function chainOf(settings: GlobalSettings, ouLevels: readonly Level[], target: ChainTarget): Level[] {
  const levels: Level[] = [];
  if (settings.defaults) levels.push(settings.defaults);
  levels.push(...ouLevels);
  if (target.account) levels.push(target.account);
  if (target.csv) levels.push(csvLevel(target.csv));
  return levels;
}

/** The effective settings at the end of a chain; the maintenance window is the OU's (only OU files set it). */
export function effectiveOf(
  desired: Pick<DesiredOrganization, 'settings'>,
  ous: ReadonlyMap<string, DesiredOu>,
  target: ChainTarget,
): EffectiveSettings {
  const { settings } = desired;
  const ou = ouOf(settings, ous, target.ouPath);
  return mergeLevels(chainOf(settings, ou.levels, target), {
    costCenterTag: settings.reporting.costCenterTag,
    ...(ou.maintenanceWindow ? { maintenanceWindow: ou.maintenanceWindow } : {}),
  });
}
