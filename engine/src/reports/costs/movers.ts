import type { CostMetric } from '../../domain/cost-group.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import { toCents, type Cents, type Exact } from '../money.js';
import { monthWindow, type Month } from '../month.js';
import type { ReportAccount } from './accounts.js';
import { CostMatrix } from './cost-matrix.js';
import type { CostTree } from './cost-tree.js';
import type { Services } from './services.js';
import { changeOf, type Change } from './trend.js';

/** reporting.moversThreshold when settings leave it out (the schema's default). */
export const DEFAULT_MOVERS_THRESHOLD = 10;

export type Movement = 'rose' | 'fell' | 'new' | 'stopped';

export interface Mover {
  /** The account of an account's row; none on a service's row. */
  account?: ReportAccount;
  service?: string;
  before: Cents;
  now: Cents;
  change: Change;
  movement: Movement;
}

/** What changed most against last month: accounts and services, each by at least the threshold. */
export interface Movers {
  threshold: Cents;
  accounts: Mover[];
  services: Mover[];
}

/** Costs of a month per service across the organization (SERVICE alone): one small query, every page. */
export async function readServiceCosts(
  ce: CostExplorer,
  month: Month,
  includeCredits: boolean,
  metric: CostMetric,
): Promise<Map<string, Exact>> {
  const out = new Map<string, Exact>();
  const matrix = new CostMatrix();
  const query = { ...monthWindow(month), groupBy: ['SERVICE'] as const, withoutCredits: !includeCredits, metric };
  await ce.groups(query, (g) => matrix.add(g));
  for (const [key, amount] of matrix.byAccount.get('') ?? []) out.set(key, amount);
  return out;
}

/** Every service's cost of the month across the organization, from the services of the report. */
export function servicesOf(matrix: CostMatrix): Map<string, Exact> {
  const out = new Map<string, Exact>();
  for (const lines of matrix.byAccount.values())
    for (const [service, amount] of lines) out.set(service, (out.get(service) ?? 0n) + amount);
  return out;
}

function movement(before: Cents, now: Cents): Movement {
  if (before === 0n) return 'new';
  if (now === 0n) return 'stopped';
  return now > before ? 'rose' : 'fell';
}

const abs = (c: Cents) => (c < 0n ? -c : c);

/** Largest change first, then by name: the same data always lists in the same order. */
function byChange(a: Mover, b: Mover): number {
  const x = abs(a.change.cents);
  const y = abs(b.change.cents);
  if (x !== y) return x > y ? -1 : 1;
  const n = (m: Mover) => m.account?.id ?? m.service ?? '';
  return n(a) < n(b) ? -1 : n(a) > n(b) ? 1 : 0;
}

function moversOf(
  pairs: Iterable<[Cents, Cents, Pick<Mover, 'account' | 'service'>]>,
  threshold: Cents,
): Mover[] {
  const out: Mover[] = [];
  for (const [before, now, what] of pairs) {
    const change = changeOf(now, before);
    if (change.cents === 0n || abs(change.cents) < threshold) continue;
    out.push({ ...what, before, now, change, movement: movement(before, now) });
  }
  return out.sort(byChange);
}

/**
 * The movers of the month: accounts (this month as the summary has them, last month from the trend's query) and
 * services across the organization, whose cost changed by at least `threshold` cents, largest change first.
 */
export function findMovers(input: {
  tree: CostTree;
  lastMonth: CostMatrix | undefined;
  services: Services;
  resolve: (id: string) => ReportAccount;
  threshold: Cents;
}): Movers {
  const now = new Map<string, { account: ReportAccount; cents: Cents }>();
  for (const center of input.tree.costCenters)
    for (const ou of center.ous) for (const a of ou.accounts) now.set(a.account.id, { account: a.account, cents: a.cents[0]! });
  const before = new Map<string, Cents>();
  for (const [id, lines] of input.lastMonth?.byAccount ?? [])
    before.set(id, toCents([...lines.values()].reduce((s, v) => s + v, 0n)));
  const ids = [...new Set([...now.keys(), ...before.keys()])];
  const accounts = moversOf(
    ids.map((id) => [before.get(id) ?? 0n, now.get(id)?.cents ?? 0n, { account: now.get(id)?.account ?? input.resolve(id) }]),
    input.threshold,
  );
  const services = moversOf(
    input.services.rows.map((s) => [s.before, s.now, { service: s.service }]),
    input.threshold,
  );
  return { threshold: input.threshold, accounts, services };
}

/** A threshold of settings (a number of currency units) in cents. */
export function thresholdCents(amount: number): Cents {
  return BigInt(Math.round(amount * 100));
}
