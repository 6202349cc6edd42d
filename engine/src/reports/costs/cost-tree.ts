import { apportion } from '../apportion.js';
import { multiplyExact, type Cents, type Exact } from '../money.js';
import { compareCostCenters, type ReportAccount } from './accounts.js';
import type { CostMatrix } from './cost-matrix.js';

/** A line of an account (a service, a usage type), with its share of the account's cents. */
export interface LineNode {
  key: string;
  exact: Exact;
  cents: Cents;
}

/** Amounts are vectors: one per column (one column for services; one per record type for charges). */
interface Amounts {
  exact: Exact[];
  cents: Cents[];
}

export interface AccountNode extends Amounts {
  account: ReportAccount;
  lines: LineNode[];
}
export interface OuNode extends Amounts {
  path: string;
  accounts: AccountNode[];
}
export interface CostCenterNode extends Amounts {
  name: string;
  ous: OuNode[];
}
/** Cost center -> OU path -> account (-> lines), the grouping of every cost report (DESIGN.md section 7). */
export interface CostTree extends Amounts {
  columns: string[];
  costCenters: CostCenterNode[];
}

const zeros = (n: number) => Array.from({ length: n }, () => 0n);
const addInto = (into: Exact[], v: readonly Exact[]) => v.forEach((x, i) => (into[i]! += x));

/**
 * Groups the matrix. With `columns`, each account's amounts are its values for those keys (charges: one column
 * per record type); without, the account has one amount and its keys become lines (services, usage types).
 */
export function buildTree(
  matrix: CostMatrix,
  accountOf: (id: string) => ReportAccount,
  columns?: readonly string[],
  rate?: Exact,
): CostTree {
  const width = columns ? columns.length : 1;
  const convert = (v: Exact) => (rate === undefined ? v : multiplyExact(v, rate));
  const centers = new Map<string, Map<string, AccountNode[]>>();
  for (const [id, values] of matrix.byAccount) {
    const account = accountOf(id);
    const lines = columns
      ? []
      : [...values.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, v]) => ({ key, exact: convert(v), cents: 0n }));
    const exact = columns
      ? columns.map((c) => convert(values.get(c) ?? 0n))
      : [lines.reduce((s, l) => s + l.exact, 0n)];
    let ous = centers.get(account.costCenter);
    if (!ous) centers.set(account.costCenter, (ous = new Map<string, AccountNode[]>()));
    const list = ous.get(account.ou) ?? [];
    list.push({ account, lines, exact, cents: zeros(width) });
    ous.set(account.ou, list);
  }
  const tree: CostTree = { columns: columns ? [...columns] : ['amount'], exact: zeros(width), cents: zeros(width), costCenters: [] };
  for (const name of [...centers.keys()].sort(compareCostCenters)) {
    const center: CostCenterNode = { name, exact: zeros(width), cents: zeros(width), ous: [] };
    const ous = centers.get(name)!;
    for (const path of [...ous.keys()].sort()) {
      const accounts = ous.get(path)!.sort(byNameThenId);
      const ou: OuNode = { path, exact: zeros(width), cents: zeros(width), accounts };
      for (const a of accounts) addInto(ou.exact, a.exact);
      addInto(center.exact, ou.exact);
      center.ous.push(ou);
    }
    addInto(tree.exact, center.exact);
    tree.costCenters.push(center);
  }
  return tree;
}

function byNameThenId(a: AccountNode, b: AccountNode): number {
  const x = a.account.name.toLowerCase();
  const y = b.account.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.account.id < b.account.id ? -1 : 1;
}

/**
 * Gives every node its cents, top down: the column totals are `targets` (Cost Explorer's own totals), and each
 * level splits its cents over its children by the largest remainder (apportion.ts). So every subtotal is the sum
 * of the rows below it to the cent, and the total is Cost Explorer's.
 */
export function settle(tree: CostTree, targets: readonly Cents[]): void {
  tree.cents = [...targets];
  for (let c = 0; c < tree.columns.length; c++) {
    split(targets[c]!, tree.costCenters, c, (center, cents) => {
      split(cents, center.ous, c, (ou, ouCents) => split(ouCents, ou.accounts, c, () => undefined));
    });
  }
  for (const center of tree.costCenters)
    for (const ou of center.ous)
      for (const account of ou.accounts) {
        const shares = apportion(
          account.cents[0]!,
          account.lines.map((l) => l.exact),
        );
        account.lines.forEach((l, i) => (l.cents = shares[i]!));
      }
}

function split<T extends Amounts>(
  cents: Cents,
  children: T[],
  column: number,
  then: (child: T, cents: Cents) => void,
): void {
  const shares = apportion(
    cents,
    children.map((ch) => ch.exact[column]!),
  );
  children.forEach((child, i) => {
    child.cents[column] = shares[i]!;
    then(child, shares[i]!);
  });
}

/** The trees of a month: services and usage types (one amount), and charges (one column per record type). */
export interface CostTrees {
  services: CostTree;
  usageTypes: CostTree;
  charges: CostTree;
  /** The charges in each extra currency. */
  converted: { currency: string; tree: CostTree }[];
}
