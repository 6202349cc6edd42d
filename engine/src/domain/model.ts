import type {
  Account,
  EffectiveSettings,
  GlobalSettings,
  OrganizationalUnit,
  Settings,
} from './generated/types.js';
import type { CostMetric } from './cost-group.js';
import type { PositionIndex, Provenance } from './source.js';

/** settings.yaml with every default of its schema filled in. */
export interface ResolvedSettings {
  environment: string;
  aws: { region: string; managementAccountId: string; managementRoleArn?: string; memberRoleName: string };
  tagPolicy: { prefix: string; mode: 'additive' | 'authoritative'; ignore: string[]; largePlanShare: number };
  accountNames: 'reconcile' | 'report';
  defaults: NonNullable<Settings['defaults']>;
  maintenanceWindow?: string;
  budgets: { alertTopicArn?: string };
  reporting: {
    costCenterTag: string;
    currencies: string[];
    includeCredits: boolean;
    costExplorerCallsPerDay: number;
    /** The movers of the cost report: changes of at least this amount, in Cost Explorer's currency. */
    moversThreshold: number;
    /** The Cost Explorer metric of every amount of the reports. */
    costMetric: CostMetric;
    /** Purges that left costs: flagged when the cost after the purge is at least this amount. */
    residualCostThreshold: number;
  };
  notifications: NonNullable<Settings['notifications']>;
  /** Holder email (lowercase) -> GitHub login: the opt-in of mentions in exception issues. */
  githubLogins: Record<string, string>;
  github: { repository?: string; appSecret?: string };
  runtime: ResolvedRuntime;
}

/** settings.yaml `runtime` with its defaults: what the engine shares with the runtime in the automation account. */
export type ResolvedRuntime = GlobalSettings['runtime'];

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

/** A policy document of infra/policies/ that settings.yaml names. */
export interface PolicyDocument {
  file: string;
  /** Minified, as AWS stores it; undefined when the file is not a valid document (its diagnostics say why). */
  content: string | undefined;
}

/** Everything read from the settings directory, once every file is valid. */
export interface SettingsModel {
  settings: YamlEntry<Settings> & { resolved: ResolvedSettings };
  ous: Map<string, OuEntry>;
  /** Policy documents by path. */
  policies: Map<string, PolicyDocument>;
  accounts: AccountEntry[];
  csv: CsvAccountRows[];
  fileCount: number;
}

export type { EffectiveSettings, EffectiveTask, LevelFields } from './generated/types.js';

export interface EffectiveAccount {
  name: string;
  email: string;
  id?: string;
  file: string;
  settings: EffectiveSettings;
}
