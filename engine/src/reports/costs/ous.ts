import { divideRounded, type Cents } from '../money.js';
import type { CostTree } from './cost-tree.js';

/** One cost center's part of an organizational unit. */
export interface OuCostCenter {
  name: string;
  cents: Cents;
  accounts: number;
}

/** An organizational unit (the OU path its accounts are in now) across every cost center. */
export interface OuRow {
  path: string;
  cents: Cents;
  /** Hundredths of a percent of the month's total; undefined when the total is zero. */
  shareBasisPoints: bigint | undefined;
  accounts: number;
  costCenters: OuCostCenter[];
}

export interface PerOu {
  rows: OuRow[];
  total: Cents;
  accounts: number;
}

const byCents = <T extends { cents: Cents }>(name: (t: T) => string) => (a: T, b: T) =>
  a.cents === b.cents ? (name(a) < name(b) ? -1 : 1) : a.cents > b.cents ? -1 : 1;

/**
 * Subtotals per organizational unit beside the cost centers: each OU's cents are the sum of its parts in the
 * summary's tree (already split to the cent), so the OUs add up to the summary's total exactly. Largest first.
 */
export function perOu(tree: CostTree): PerOu {
  const ous = new Map<string, OuCostCenter[]>();
  for (const center of tree.costCenters)
    for (const ou of center.ous) {
      const parts = ous.get(ou.path) ?? [];
      parts.push({ name: center.name, cents: ou.cents[0]!, accounts: ou.accounts.length });
      ous.set(ou.path, parts);
    }
  const total = tree.cents[0]!;
  const rows = [...ous].map(([path, parts]): OuRow => {
    const cents = parts.reduce((s, p) => s + p.cents, 0n);
    return {
      path,
      cents,
      shareBasisPoints: total === 0n ? undefined : divideRounded(cents * 10000n, total),
      accounts: parts.reduce((s, p) => s + p.accounts, 0),
      costCenters: parts.sort(byCents((p) => p.name)),
    };
  });
  rows.sort(byCents((r) => r.path));
  return { rows, total, accounts: rows.reduce((s, r) => s + r.accounts, 0) };
}
