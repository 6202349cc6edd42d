import { describeContact } from '../domain/contacts.js';
import { sha256Hex } from '../domain/digest.js';
import type { BudgetState, Change, TagValues } from '../domain/plan.js';
import type { Contact } from '../observed/types.js';

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

export interface FieldRow {
  field: string;
  before: string | null;
  after: string | null;
  source: string;
}

type Source = (field: string) => string;
type RowsOf = (before: StateView, after: StateView, source: Source, change: Change) => FieldRow[];

/** The rows of a change: what one group of fields shows, from its before, after and provenance. */
const shown =
  (rows: RowsOf) =>
  (change: Change): FieldRow[] =>
    rows(change.before ?? {}, change.after ?? {}, (field) => change.provenance[field] ?? '', change);

const row = (field: string, before: string | null, after: string | null, source: string): FieldRow => ({
  field,
  before,
  after,
  source,
});

const tagRowsOf: RowsOf = (before, after, source) =>
  [...new Set([...Object.keys(before.tags ?? {}), ...Object.keys(after.tags ?? {})])]
    .sort()
    .map((key) =>
      row(`tag ${key}`, before.tags?.[key] ?? null, after.tags?.[key] ?? null, source(`tags.${key}`)),
    );

const accountRowsOf: RowsOf = (before, after, source, change) => {
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

const budgetRowsOf: RowsOf = ({ budget: bb }, { budget: ab }, source) => {
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

const policyRowsOf: RowsOf = (before, after, source) => [
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

/** The tags a change sets or removes, one row per key. */
export const tagRows = shown(tagRowsOf);
/** An account's name, alternate contact, OU, email and status. */
export const accountRows = shown(accountRowsOf);
/** A budget's amount, thresholds and subscribers. */
export const budgetRows = shown(budgetRowsOf);
/** A policy's description, document (its size and digest) and attachment. */
export const policyRows = shown(policyRowsOf);
