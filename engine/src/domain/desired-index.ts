import type {
  CsvRowsData,
  DesiredAccount,
  DesiredOu,
  EffectiveSettingsArtifact as DesiredOrganization,
} from './generated/types.js';

/** Lookups over a desired organization, built once: OUs by path, account files and CSV rows by id and email. */
export interface DesiredIndex {
  desired: DesiredOrganization;
  ous: Map<string, DesiredOu>;
  accountsByName: Map<string, DesiredAccount>;
  accountsByEmail: Map<string, DesiredAccount>;
  accountsById: Map<string, DesiredAccount>;
  csvById: Map<string, CsvRowsData>;
  csvByEmail: Map<string, CsvRowsData>;
}
