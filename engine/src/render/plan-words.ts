import { KINDS } from '../changes/registry.js';
import { describeContact } from '../domain/contacts.js';
import { sha256Hex } from '../domain/digest.js';
import type { Contact } from '../observed/types.js';
import type { Action, BudgetState, Change, TagValues } from '../plan/types.js';

/** The fields of a change's before and after that people read, whatever its kind. */
interface StateView {
  tags?: TagValues;
  accountName?: string;
  contact?: Contact | null;
  description?: string;
  content?: string;
  attached?: boolean;
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

type Source = (field: string) => string;
type RowsOf = (before: StateView, after: StateView, source: Source, change: Change) => FieldRow[];

const row = (field: string, before: string | null, after: string | null, source: string): FieldRow => ({
  field,
  before,
  after,
  source,
});

const tagRows: RowsOf = (before, after, source) =>
  [...new Set([...Object.keys(before.tags ?? {}), ...Object.keys(after.tags ?? {})])]
    .sort()
    .map((key) =>
      row(`tag ${key}`, before.tags?.[key] ?? null, after.tags?.[key] ?? null, source(`tags.${key}`)),
    );

const accountRows: RowsOf = (before, after, source, change) => {
  const rows: FieldRow[] = [];
  if (before.accountName !== undefined || after.accountName !== undefined)
    rows.push(
      row('account name', before.accountName ?? null, after.accountName ?? null, source('accountName')),
    );
  if (before.contact !== undefined || after.contact !== undefined) {
    const type = (change.target as { contactType?: string }).contactType ?? 'alternate';
    const show = (c: Contact | null | undefined) => (c ? describeContact(c) : null);
    rows.push(
      row(`${type} contact`, show(before.contact), show(after.contact), source(`alternateContacts.${type}`)),
    );
  }
  if (before.organizationalUnit !== undefined || after.organizationalUnit !== undefined)
    rows.push(
      row(
        'organizational unit',
        before.organizationalUnit === undefined ? null : before.organizationalUnit || '(root)',
        after.organizationalUnit ?? null,
        source('organizationalUnit'),
      ),
    );
  if (after.email !== undefined) rows.push(row('email', null, after.email, ''));
  if (before.status !== undefined || after.status !== undefined)
    rows.push(row('status', before.status ?? null, after.status ?? null, source('closed')));
  return rows;
};

const budgetRows: RowsOf = ({ budget: bb }, { budget: ab }, source) => {
  if (!bb && !ab) return [];
  const money = (b: typeof ab) => (b ? `${b.amount} ${b.currency}` : null);
  const list = (xs: (number | string)[] | undefined, suffix = '') =>
    xs ? xs.map((x) => `${x}${suffix}`).join(', ') : null;
  return [
    row('budget amount', money(bb), money(ab), source('budget.amount')),
    row(
      'alert thresholds',
      list(bb?.thresholds, '%'),
      list(ab?.thresholds, '%'),
      source('budget.thresholds'),
    ),
    row('alerts to', list(bb?.subscribers), list(ab?.subscribers), source('budget.subscribers')),
  ];
};

/** A policy document is long: people read it in its file; the plan shows its size and digest. */
const document = (content: string | undefined) =>
  content === undefined ? null : `${content.length} characters, sha256 ${sha256Hex(content).slice(0, 12)}`;

const policyRows: RowsOf = (before, after, source) => [
  ...(before.description !== undefined || after.description !== undefined
    ? [row('description', before.description ?? null, after.description ?? null, source('description'))]
    : []),
  ...(before.content !== undefined || after.content !== undefined
    ? [row('policy document', document(before.content), document(after.content), source('content'))]
    : []),
  ...(before.attached !== undefined || after.attached !== undefined
    ? [row('attached', before.attached ? 'yes' : 'no', after.attached ? 'yes' : 'no', source('attached'))]
    : []),
];

/** The fields a change sets, one row each, with the value before, after, and where the new value comes from. */
export function fieldRows(change: Change): FieldRow[] {
  const before: StateView = change.before ?? {};
  const after: StateView = change.after ?? {};
  const source: Source = (field) => change.provenance[field] ?? '';
  return [tagRows, policyRows, accountRows, budgetRows]
    .flatMap((rows) => rows(before, after, source, change))
    .filter((r) => r.before !== r.after);
}

export function countsLine(byAction: Record<string, number>): string {
  const parts = Object.entries(byAction).map(([action, n]) => `${n} ${action}`);
  return parts.length ? parts.join(', ') : 'no changes';
}
