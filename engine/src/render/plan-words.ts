import { KINDS } from '../changes/registry.js';
import type { Action, BudgetState, Change, TagValues } from '../plan/types.js';

/** The fields of a change's before and after that people read, whatever its kind. */
interface StateView {
  tags?: TagValues;
  accountName?: string;
  organizationalUnit?: string;
  email?: string;
  status?: string;
  budget?: BudgetState;
}

/** The sign of each action, as terraform users read it: + create, ~ change, - remove or close. */
export const SIGN = Object.fromEntries(Object.values(KINDS).map((k) => [k.action, k.sign])) as Record<
  Action,
  string
>;

export interface FieldRow {
  field: string;
  before: string | null;
  after: string | null;
  source: string;
}

/** The fields a change sets, one row each, with the value before, after, and where the new value comes from. */
export function fieldRows(change: Change): FieldRow[] {
  const rows: FieldRow[] = [];
  const before: StateView = change.before ?? {};
  const after: StateView = change.after ?? {};
  const source = (field: string) => change.provenance[field] ?? '';
  const keys = new Set([...Object.keys(before.tags ?? {}), ...Object.keys(after.tags ?? {})]);
  for (const key of [...keys].sort()) {
    const b = before.tags?.[key];
    const a = after.tags?.[key];
    rows.push({ field: `tag ${key}`, before: b ?? null, after: a ?? null, source: source(`tags.${key}`) });
  }
  if (before.accountName !== undefined || after.accountName !== undefined)
    rows.push({
      field: 'account name',
      before: before.accountName ?? null,
      after: after.accountName ?? null,
      source: source('accountName'),
    });
  if (before.organizationalUnit !== undefined || after.organizationalUnit !== undefined) {
    rows.push({
      field: 'organizational unit',
      before: before.organizationalUnit === undefined ? null : before.organizationalUnit || '(root)',
      after: after.organizationalUnit ?? null,
      source: source('organizationalUnit'),
    });
  }
  if (after.email !== undefined) rows.push({ field: 'email', before: null, after: after.email, source: '' });
  if (before.status !== undefined || after.status !== undefined) {
    rows.push({
      field: 'status',
      before: before.status ?? null,
      after: after.status ?? null,
      source: source('closed'),
    });
  }
  const bb = before.budget;
  const ab = after.budget;
  if (bb || ab) {
    const money = (b: typeof ab) => (b ? `${b.amount} ${b.currency}` : null);
    const list = (xs: (number | string)[] | undefined, suffix = '') =>
      xs ? xs.map((x) => `${x}${suffix}`).join(', ') : null;
    rows.push({
      field: 'budget amount',
      before: money(bb),
      after: money(ab),
      source: source('budget.amount'),
    });
    rows.push({
      field: 'alert thresholds',
      before: list(bb?.thresholds, '%'),
      after: list(ab?.thresholds, '%'),
      source: source('budget.thresholds'),
    });
    rows.push({
      field: 'alerts to',
      before: list(bb?.subscribers),
      after: list(ab?.subscribers),
      source: source('budget.subscribers'),
    });
  }
  return rows.filter((r) => r.before !== r.after);
}

export function countsLine(byAction: Record<string, number>): string {
  const parts = Object.entries(byAction).map(([action, n]) => `${n} ${action}`);
  return parts.length ? parts.join(', ') : 'no changes';
}
