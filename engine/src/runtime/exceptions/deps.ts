import type { BudgetStore } from '../../ports/budgets.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import type { ChannelSenders, CostLedger, ExceptionTexts, ExceptionTracker } from '../../ports/exceptions.js';
import type { OrganizationReader } from '../../ports/organization.js';
import type { SettingsSource } from '../../ports/runtime-settings.js';
import type { Telemetry } from '../../ports/telemetry.js';
import type { OuPaths } from '../ou-paths.js';

/** What the exceptions handler works through: ports only, built once per container by the entry points. */
export interface ExceptionDeps {
  environment: string;
  /** The central bus (SPA_EVENT_BUS_ARN): its account is the only sender of SPA's own events. */
  eventBusArn: string;
  /** AWS Budgets of the management account: a budget alert counts only for a budget of this environment there. */
  budgets: Pick<BudgetStore, 'readBudget'>;
  settings: SettingsSource;
  reader: Pick<OrganizationReader, 'readAccount'>;
  ouPaths: OuPaths;
  /** Cost Explorer of the management account; every request first taken from the ledger's daily budget. */
  costs: CostExplorer;
  ledger: CostLedger;
  /**
   * The GitHub App's view of the repository (its installation token renewed before it expires); undefined when
   * settings.yaml names no github.repository.
   */
  tracker(): Promise<ExceptionTracker | undefined>;
  channels: ChannelSenders;
  /** The runtime bucket, where the whole text of a message cut in GitHub is kept. */
  texts: ExceptionTexts;
  telemetry: Telemetry;
  now: () => Date;
}
