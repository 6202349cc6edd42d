import { apportion } from '../apportion.js';
import { toCents, type Cents, type Exact } from '../money.js';
import { changeOf, type Change } from './trend.js';

/** One service across the organization: last month, this month, the change. */
export interface ServiceRow {
  service: string;
  before: Cents;
  now: Cents;
  change: Change;
}

/** Every service of this month and last month, largest this month first, then by name. */
export interface Services {
  rows: ServiceRow[];
  total: ServiceRow;
}

/**
 * Services across the organization: each month's cents are its total (this month: Cost Explorer's own, as the
 * summary has it) split over the services by largest remainder, so the services add up to the total exactly.
 */
export function servicesAcross(now: Map<string, Exact>, nowTotal: Exact, before: Map<string, Exact>): Services {
  const names = [...new Set([...now.keys(), ...before.keys()])].sort();
  const split = (amounts: Map<string, Exact>, total: Cents) =>
    apportion(
      total,
      names.map((n) => amounts.get(n) ?? 0n),
    );
  const beforeTotal = toCents([...before.values()].reduce((s, v) => s + v, 0n));
  const nowCents = split(now, toCents(nowTotal));
  const beforeCents = split(before, beforeTotal);
  const rows = names
    .map((service, i) => ({
      service,
      before: beforeCents[i]!,
      now: nowCents[i]!,
      change: changeOf(nowCents[i]!, beforeCents[i]!),
    }))
    .filter((r) => r.before !== 0n || r.now !== 0n)
    .sort((a, b) => (a.now === b.now ? (a.service < b.service ? -1 : 1) : a.now > b.now ? -1 : 1));
  const total = toCents(nowTotal);
  return { rows, total: { service: 'Total', before: beforeTotal, now: total, change: changeOf(total, beforeTotal) } };
}
