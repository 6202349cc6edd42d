import type { CostMetric } from '../../domain/cost-group.js';
import type { Activity, ActivityStore } from '../../ports/activities.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import { apportion } from '../apportion.js';
import { parseAmount, toCents, type Cents, type Exact } from '../money.js';
import { formatMonth, monthWindow, type Month } from '../month.js';
import type { ReportAccount } from './accounts.js';

/** reporting.residualCostThreshold when settings leave it out (the schema's default). */
export const DEFAULT_RESIDUAL_THRESHOLD = 1;

/** Purged accounts named in the LINKED_ACCOUNT filter of one query; more accounts make more queries. */
export const RESIDUAL_ACCOUNTS_PER_QUERY = 1000;

/** An account purged during the month: the end of its last maintenance (the account released again). */
export interface Purge {
  accountId: string;
  /** ISO 8601, UTC: when the maintenance ended. */
  end: string;
  /** Maintenances of the account that ended in the month. */
  count: number;
}

/** What an account cost in the days after its purge ended, by service. */
export interface ResidualLine {
  account: ReportAccount;
  purge: Purge;
  /** The first day counted (YYYY-MM-DD): the day after the purge ended. */
  from: string;
  /** Days counted, from `from` to the end of the window; 0 when the purge ended on its last day. */
  days: number;
  cents: Cents;
  /** Largest first; they add up to `cents` exactly. */
  services: { service: string; cents: Cents }[];
  /** The residual is at or above the threshold. */
  over: boolean;
}

export interface Residuals {
  /** reporting.residualCostThreshold, in cents. */
  threshold: Cents;
  /** The last day counted is the day before `end` (YYYY-MM-DD): the month's end, or today in a month not over. */
  end: string;
  /** Over first, then the largest residual. */
  lines: ResidualLine[];
  /** Why the purges could not be read (the runtime is not deployed yet); no lines then. */
  unavailable?: string;
}

/** The accounts whose maintenance (the purge) ended during the month, each with its last one, by account id. */
export function purgesOf(activities: readonly Activity[]): Purge[] {
  const out = new Map<string, Purge>();
  for (const a of activities) {
    if (a.kind !== 'SuccessfulMaintenance') continue;
    const seen = out.get(a.accountId);
    if (!seen) out.set(a.accountId, { accountId: a.accountId, end: a.at, count: 1 });
    else out.set(a.accountId, { accountId: a.accountId, end: a.at > seen.end ? a.at : seen.end, count: seen.count + 1 });
  }
  return [...out.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

function addDays(iso: string, n: number): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

/** The day after the one an ISO time falls on (UTC), as YYYY-MM-DD. */
export const dayAfter = (iso: string): string => addDays(iso, 1);
/** The day before a YYYY-MM-DD day. */
export const dayBefore = (day: string): string => addDays(day, -1);

const daysBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));

/** The end of the days counted (excluded): the month's end, or today in a month not over (its costs are not known yet). */
export function residualEnd(month: Month, now: Date): string {
  const monthEnd = monthWindow(month).end;
  const today = now.toISOString().slice(0, 10);
  return today < monthEnd ? today : monthEnd;
}

/**
 * The days Cost Explorer is asked about, [start, end): from the day after the earliest purge to residualEnd;
 * undefined when there is no day to ask.
 */
export function residualWindow(purges: readonly Purge[], month: Month, now: Date): { start: string; end: string } | undefined {
  const end = residualEnd(month, now);
  if (purges.length === 0) return undefined;
  const start = purges.map((p) => dayAfter(p.end)).reduce((a, b) => (a < b ? a : b));
  return start < end ? { start, end } : undefined;
}

/** Exact costs per account and service, of the days after each account's own purge. */
export type ResidualCosts = Map<string, Map<string, Exact>>;

/**
 * One DAILY question grouped by LINKED_ACCOUNT and SERVICE, filtered on the purged accounts (in chunks of
 * RESIDUAL_ACCOUNTS_PER_QUERY), every page counted; each day counts only for an account purged before it.
 * No question at all without a window.
 */
export async function readResidualCosts(
  ce: CostExplorer,
  purges: readonly Purge[],
  window: { start: string; end: string } | undefined,
  options: { includeCredits: boolean; metric: CostMetric },
): Promise<ResidualCosts> {
  const out: ResidualCosts = new Map();
  if (!window) return out;
  const from = new Map(purges.map((p) => [p.accountId, dayAfter(p.end)]));
  for (let i = 0; i < purges.length; i += RESIDUAL_ACCOUNTS_PER_QUERY) {
    const accounts = purges.slice(i, i + RESIDUAL_ACCOUNTS_PER_QUERY).map((p) => p.accountId);
    const query = { ...window, granularity: 'DAILY' as const, accounts, withoutCredits: !options.includeCredits };
    await ce.groups({ ...query, groupBy: ['LINKED_ACCOUNT', 'SERVICE'], metric: options.metric }, (g) => {
      const first = from.get(g.account);
      if (first === undefined || g.period === undefined || g.period < first) return;
      let lines = out.get(g.account);
      if (!lines) out.set(g.account, (lines = new Map<string, Exact>()));
      lines.set(g.key, (lines.get(g.key) ?? 0n) + parseAmount(g.amount));
    });
  }
  return out;
}

/** Each purge with its residual cost, flagged at or above `threshold` cents. */
export function residualsOf(input: {
  purges: readonly Purge[];
  costs: ResidualCosts;
  end: string;
  threshold: Cents;
  resolve: (id: string) => ReportAccount;
}): Residuals {
  const lines = input.purges.map((purge): ResidualLine => {
    const services = [...(input.costs.get(purge.accountId) ?? [])].filter(([, v]) => v !== 0n);
    const exact = services.reduce((s, [, v]) => s + v, 0n);
    const cents = toCents(exact);
    const split = apportion(
      cents,
      services.map(([, v]) => v),
    );
    const from = dayAfter(purge.end);
    return {
      account: input.resolve(purge.accountId),
      purge,
      from,
      days: daysBetween(from, input.end),
      cents,
      services: services
        .map(([service], i) => ({ service, cents: split[i]! }))
        .sort((a, b) => (a.cents === b.cents ? (a.service < b.service ? -1 : 1) : a.cents > b.cents ? -1 : 1)),
      over: cents >= input.threshold,
    };
  });
  lines.sort((a, b) =>
    a.over !== b.over
      ? a.over
        ? -1
        : 1
      : a.cents !== b.cents
        ? a.cents > b.cents
          ? -1
          : 1
        : a.account.id < b.account.id
          ? -1
          : 1,
  );
  return { threshold: input.threshold, end: input.end, lines };
}

/**
 * The section's figures: the purges of the month from the activities table (one paged Query of the month), then
 * their costs after the purge (no Cost Explorer request when no account was purged).
 */
export async function purgeResiduals(input: {
  ce: CostExplorer;
  activities: Pick<ActivityStore, 'month'>;
  month: Month;
  now: Date;
  includeCredits: boolean;
  metric: CostMetric;
  threshold: Cents;
  resolve: (id: string) => ReportAccount;
}): Promise<Residuals> {
  const purges = purgesOf(await input.activities.month(formatMonth(input.month)));
  const window = residualWindow(purges, input.month, input.now);
  const costs = await readResidualCosts(input.ce, purges, window, input);
  return residualsOf({ ...input, purges, costs, end: residualEnd(input.month, input.now) });
}
