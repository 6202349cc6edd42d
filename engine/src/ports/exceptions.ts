import type { AccountCosts } from '../domain/account-costs.js';
import type { GithubRepo } from './github.js';

/**
 * What the exceptions handler keeps between invocations (a DynamoDB table): the costs of an account read on a
 * day, and the count of the day's Cost Explorer requests against reporting.costExplorerCallsPerDay.
 */
export interface CostLedger {
  cachedCosts(accountId: string, day: string): Promise<AccountCosts | undefined>;
  storeCosts(accountId: string, costs: AccountCosts): Promise<void>;
  /** Takes one request from the day's budget: false (and nothing taken) when `limit` are taken already. */
  takeRequest(day: string, limit: number): Promise<boolean>;
}

/** The repository where exceptions become issues, as the GitHub App's installation sees it. */
export interface ExceptionTracker {
  repo: GithubRepo;
  /** The login of the App's bot: only its issues are the runtime's. */
  login: string;
  /** The web address of an issue (what the channels link to). */
  issueUrl(issueNumber: number): string;
}

/** Where the whole text of a message too long for an issue is kept: its place, and an address to open it. */
export interface KeptText {
  location: string;
  url: string;
}

/** The runtime bucket's part for exceptions: the whole text of a message that an issue shows cut. */
export interface ExceptionTexts {
  keep(key: { accountId: string | undefined; label: string; time: string }, text: string): Promise<KeptText>;
}

/** An incoming webhook's answer: the status, and what to say when it failed (never the URL). */
export interface WebhookAnswer {
  ok: boolean;
  status: number;
  attempts: number;
}

/** Teams, Slack and email. Each call settles: a failed channel says so and never throws. */
export interface ChannelSenders {
  /** Posts JSON to an incoming webhook: 429 and 5xx retried with backoff, any other 4xx reported at once. */
  postWebhook(url: string, payload: unknown): Promise<WebhookAnswer>;
  sendEmail(message: { from: string; to: string[]; subject: string; text: string }): Promise<void>;
  /** The value of a secret of AWS Secrets Manager (webhook URLs), cached briefly. */
  secret(name: string): Promise<string>;
}
