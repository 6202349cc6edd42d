import type { Account, OrganizationalUnit, Settings, Task } from './generated/types.js';
import type { PositionIndex, Provenance, Sourced } from './source.js';

/** settings.yaml with every default of its schema filled in. */
export interface ResolvedSettings {
  environment: string;
  aws: { region: string; managementAccountId: string; managementRoleArn?: string; memberRoleName: string };
  tagPolicy: { prefix: string; mode: 'additive' | 'authoritative'; ignore: string[]; largePlanShare: number };
  defaults: NonNullable<Settings['defaults']>;
  maintenanceWindow?: string;
  budgets: { alertTopicArn?: string };
  reporting: { costCenterTag: string; currencies: string[]; includeCredits: boolean };
  notifications: NonNullable<Settings['notifications']>;
}

export interface YamlEntry<T> {
  file: string;
  value: T;
  positions: PositionIndex;
}

export interface OuEntry extends YamlEntry<OrganizationalUnit> {
  /** OU path from the root, such as Sandbox/Personal. */
  path: string;
}

export interface AccountEntry extends YamlEntry<Account> {
  /** The name given by the file name. */
  fileName: string;
}

/** One value of a CSV file, with where it was written. */
export interface CsvCell {
  value: string;
  source: Provenance;
  column: number;
  pointer: string;
}

/** Every CSV value given for one account, all files merged (conflicts are diagnostics). */
export interface CsvAccountRows {
  /** As written in the Account column: a 12-digit id or a lowercase email. */
  account: string;
  kind: 'id' | 'email';
  /** The account file the rows were matched to, by its id or its email. */
  accountFile?: string;
  /** First row that names the account. */
  source: Provenance;
  /** `note`, `budget`, `tag:<key>`, `preparation:<VAR>`, `purge:<VAR>` -> cell. */
  cells: Map<string, CsvCell>;
}

/** Everything read from the settings directory, once every file is valid. */
export interface SettingsModel {
  settings: YamlEntry<Settings> & { resolved: ResolvedSettings };
  ous: Map<string, OuEntry>;
  accounts: AccountEntry[];
  csv: CsvAccountRows[];
  fileCount: number;
}

/** The fields that every level of the precedence chain may give for an account. */
export interface LevelFields {
  organizationalUnit?: string;
  holder?: string;
  costCenter?: string;
  budget?: { amount?: number; currency?: string; thresholds?: number[] };
  tags?: Record<string, string>;
  unsetTags?: string[];
  preparation?: Task;
  purge?: Task;
  maintenanceWindow?: string;
  notifications?: string[];
  note?: string;
  closed?: boolean;
}

export type LevelKind = 'defaults' | 'ou' | 'account' | 'csv';

/** One step of the precedence chain, lowest first: defaults, each OU outer to inner, the account file, CSV rows. */
export interface SettingsLevel {
  kind: LevelKind;
  fields: LevelFields;
  /** Where the value at a JSON pointer of `fields` (such as /tags/owner) was written. */
  sourceOf(pointer: string): Provenance;
}

export interface EffectiveTask {
  enabled: Sourced<boolean>;
  variables: Record<string, Sourced<string>>;
}

/** The settings an account ends up with, every value with its provenance. */
export interface EffectiveSettings {
  organizationalUnit?: Sourced<string>;
  holder?: Sourced<string>;
  tags: Record<string, Sourced<string>>;
  unsetTags: Record<string, Provenance>;
  budget?: { amount: Sourced<number>; currency: Sourced<string>; thresholds: Sourced<number[]> };
  preparation: EffectiveTask;
  purge: EffectiveTask;
  maintenanceWindow?: Sourced<string>;
  notifications: Sourced<string[]>;
  note?: Sourced<string>;
  closed: Sourced<boolean>;
}

export interface EffectiveAccount {
  name: string;
  email: string;
  id?: string;
  file: string;
  settings: EffectiveSettings;
}
