import type { AccountManagement } from './account-management.js';
import type { AccountPages } from './account-pages.js';
import type { ActivityStore } from './activities.js';
import type { ArtifactStore } from './artifacts.js';
import type { BudgetStore } from './budgets.js';
import type { BuildStarter } from './builds.js';
import type { Clock } from './clock.js';
import type { CostExplorer } from './cost-explorer.js';
import type { AutomationProbe, ManagementProbe } from './deployment.js';
import type { EventPublisher } from './events.js';
import type { ChannelSenders, CostLedger, ExceptionTexts, ExceptionTracker } from './exceptions.js';
import type { BranchWriter, GithubRepo, PullRequestWriter } from './github.js';
import type { ApplyLock } from './lock.js';
import type { OrganizationReader, OrganizationWriter } from './organization.js';
import type { OuPathIndex } from './ou-paths.js';
import type { Output } from './output.js';
import type { PolicyStore } from './policies.js';
import type { MessageQueue } from './queue.js';
import type { RatesSource } from './rates-source.js';
import type { AccountRecords } from './records.js';
import type { ReportBucket, ReportStore } from './report-store.js';
import type { RuntimeBucket, SettingsSource as PublishedSettingsSource } from './runtime-settings.js';
import type { ScheduleStore } from './schedules.js';
import type { SettingsSource } from './settings-source.js';
import type { SettingsTarget } from './settings-target.js';
import type { TableWriter } from './table-writer.js';
import type { Telemetry } from './telemetry.js';

/**
 * Every port of the engine, each named once. A use case takes the ports it works through as
 * `Pick<Ports, ...>` (plus its own plain inputs: options, the environment's name, the time); a host (the CLI,
 * a Lambda, the local runtime) builds them from the factories of `adapters/` and hands them over. A new port,
 * or a new call of a port, is added here and in its factory, never threaded field by field.
 */
export interface Ports {
  /** The settings files of a repository (a working tree, or a commit). */
  settings: SettingsSource;
  /** The settings published to the runtime bucket, as the runtime reads them. */
  published: PublishedSettingsSource;
  /** Where an import writes the settings files. */
  target: SettingsTarget;
  /** Files a command hands to what comes after it (a plan, its chunks, the compiled settings). */
  artifacts: ArtifactStore;

  /** AWS Organizations, read. */
  reader: OrganizationReader;
  /** AWS Organizations, written (accounts, OUs, tags). */
  writer: OrganizationWriter;
  /** The accounts of an OU, one page at a time (the maintenance fan-out). */
  pages: AccountPages;
  /** The OU tree by path, kept between calls. */
  ouPaths: OuPathIndex;
  /** AWS Budgets of the management account. */
  budgets: BudgetStore;
  /** The Account Management API (alternate contacts, account names). */
  accountApi: AccountManagement;
  /** Service control policies. */
  policies: PolicyStore;
  /** Cost Explorer of the management account, every request counted. */
  costs: CostExplorer;
  /** The apply lock of an organization. */
  lock: ApplyLock;
  /** What `spa doctor` reads of the management account and of the automation account. */
  management: ManagementProbe;
  automation: AutomationProbe;

  /** The records table of the runtime (one record per account). */
  records: AccountRecords;
  /** The activities table of the runtime. */
  activities: ActivityStore;
  /** The event bus of the runtime. */
  events: EventPublisher;
  /** The preparation and purge builds in member accounts. */
  builds: BuildStarter;
  /** The maintenance queue. */
  queue: MessageQueue;
  /** The schedules of maintenance windows and reports. */
  schedules: ScheduleStore;
  /** The runtime bucket (published settings, buildspecs). */
  bucket: RuntimeBucket;
  /** The copy of the reports in the runtime bucket. */
  reportBucket: ReportBucket;

  /** The daily budget of Cost Explorer requests of the exceptions handler. */
  ledger: CostLedger;
  /** The GitHub App's view of the repository; undefined when settings.yaml names no github.repository. */
  tracker(): Promise<ExceptionTracker | undefined>;
  /** Mail, chat and webhooks of the exceptions. */
  channels: ChannelSenders;
  /** Where the whole text of a message cut in GitHub is kept. */
  texts: ExceptionTexts;

  /** The repository of a workflow run, and what it writes there. */
  repo: GithubRepo;
  pulls: PullRequestWriter;
  branches: BranchWriter;
  /** Where reports are written: the working tree, or one commit on GitHub. */
  store: ReportStore;
  /** CSV and Excel files of report tables. */
  tables: TableWriter;
  /** Exchange rates over HTTP. */
  ratesSource: RatesSource;

  clock: Clock;
  /** Where a command speaks: results, notes, annotations, progress. */
  out: Output;
  /** Logs and metrics of the runtime. */
  telemetry: Telemetry;
}
