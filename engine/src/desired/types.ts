import type {
  CsvRowsData,
  DesiredAccount,
  DesiredOu,
  EffectiveSettingsArtifact,
  GlobalSettings,
  Level,
} from '../domain/generated/types.js';

/** The whole desired organization, computed once from the settings (schemas/effective-settings.schema.json). */
export type DesiredOrganization = EffectiveSettingsArtifact;
export type { CsvRowsData, DesiredAccount, DesiredOu, GlobalSettings, Level };

export const DESIRED_VERSION = 1 as const;
