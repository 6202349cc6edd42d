import type { BudgetLimit } from '../../ports/budgets.js';
import type { GlobalSettings } from '../../domain/generated/types.js';
import type { ReadProgress } from '../../ports/organization.js';
import type { Ports } from '../../ports/ports.js';
import type { ExchangeRates } from '../../reports/exchange-rates.js';

/** The three reports: what `spa report <kind>` and the scheduled Lambda make. */
export const REPORT_KINDS = ['costs', 'activities', 'inventory'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * What every report run works through, built by the CLI, the Lambda or the local runtime: the organization, Cost
 * Explorer (every request counted), the store (the working tree, or one commit on GitHub copied to the runtime
 * bucket), the table writer, and the runtime's tables when the report reads them (activities, inventory).
 */
export type ReportRunPorts = Pick<Ports, 'reader' | 'costs' | 'store' | 'tables'> &
  Partial<Pick<Ports, 'activities' | 'records'>> & {
    settings: GlobalSettings;
    /** Exchange rates, read once, when reporting.currencies lists extra currencies (cost report). */
    rates?: (base: string) => Promise<ExchangeRates>;
    /** The monthly budgets of the accounts (cost report: budgets against actuals). */
    budgets?: () => Promise<BudgetLimit[]>;
    progress?: ReadProgress;
    /** Told when a phase of the run ends: the organization read, the report made (before it is written). */
    phase?: (ended: 'organization' | 'report') => void;
  };

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
