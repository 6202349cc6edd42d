import type { BudgetLimit } from '../../ports/budgets.js';
import type { GlobalSettings } from '../../domain/generated/types.js';
import type { ActivityStore } from '../../ports/activities.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import type { OrganizationReader, ReadProgress } from '../../ports/organization.js';
import type { AccountRecords } from '../../ports/records.js';
import type { ReportStore } from '../../ports/report-store.js';
import type { TableWriter } from '../../ports/table-writer.js';
import type { ExchangeRates } from '../../reports/exchange-rates.js';

/** The three reports: what `spa report <kind>` and the scheduled Lambda make. */
export const REPORT_KINDS = ['costs', 'activities', 'inventory'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** What every report run works through: ports only, built by the CLI or by the Lambda. */
export interface ReportDeps {
  settings: GlobalSettings;
  reader: OrganizationReader;
  /** Cost Explorer, every request counted (the cost report, and the inventory's month to date). */
  costs: CostExplorer;
  /** The working tree, or one commit on GitHub (copied to the runtime bucket). */
  store: ReportStore;
  writer: TableWriter;
  /** The activities table of the runtime (activities report). */
  activities?: Pick<ActivityStore, 'month'>;
  /** The records table of the runtime (inventory). */
  records?: Pick<AccountRecords, 'list'>;
  /** Exchange rates, read once, when reporting.currencies lists extra currencies (cost report). */
  rates?: (base: string) => Promise<ExchangeRates>;
  /** The monthly budgets of the accounts (cost report: budgets against actuals). */
  budgets?: () => Promise<BudgetLimit[]>;
  progress?: ReadProgress;
}

/** What a run wrote, for the CLI's lines and the Lambda's log. */
export interface ReportRun {
  kind: ReportKind;
  folder: string;
  files: number;
  location: string;
  /** Cost Explorer requests of the run (USD 0.01 each). */
  costRequests: number;
  /** One line for people: what the report holds. */
  summary: string;
}
