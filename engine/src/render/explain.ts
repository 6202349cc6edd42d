import { CONTACT_TYPES, describeContact } from '../domain/contacts.js';
import { managedTags } from '../domain/managed-tags.js';
import type { EffectiveAccount } from '../domain/model.js';
import { formatProvenance, type Provenance } from '../domain/source.js';
import { style as makeStyle } from './style.js';

export interface ExplainContext {
  reserved: { state: string; holder: string };
  environment: string;
}

interface Row {
  label: string;
  value: string;
  source: string;
  depth: number;
}

/** For people: every effective value of the account with the file and line it comes from. */
export function renderExplainText(account: EffectiveAccount, ctx: ExplainContext, color = false): string {
  const s = makeStyle(color);
  const rows = explainRows(account, ctx);
  const labelWidth = Math.min(48, Math.max(...rows.map((r) => r.label.length + r.depth * 2)));
  const valueWidth = Math.min(48, Math.max(...rows.map((r) => r.value.length)));
  const head = [
    s.bold(`${account.name}`) + `  ${account.email}` + (account.id ? `  ${account.id}` : '  (no id yet)'),
    s.dim(`file: ${account.file}`),
    '',
  ];
  const body = rows.map((r) => {
    const label = ('  '.repeat(r.depth) + r.label).padEnd(labelWidth);
    if (!r.value && !r.source) return `  ${s.bold(label)}`;
    return `  ${label}  ${r.value.padEnd(valueWidth)}  ${s.dim(r.source)}`;
  });
  return [...head, ...body].join('\n') + '\n';
}

function explainRows(account: EffectiveAccount, ctx: ExplainContext): Row[] {
  const e = account.settings;
  const rows: Row[] = [];
  const add = (label: string, value: string, source: Provenance | string, depth = 0): void => {
    rows.push({
      label,
      value,
      source: typeof source === 'string' ? source : formatProvenance(source),
      depth,
    });
  };
  const section = (label: string): void => {
    rows.push({ label, value: '', source: '', depth: 0 });
  };
  if (e.organizationalUnit)
    add('organizationalUnit', e.organizationalUnit.value, e.organizationalUnit.source);
  if (e.holder) add('holder', e.holder.value, e.holder.source);
  else add('holder', '(the existing tag, else the email)', '(default)');
  add('closed', String(e.closed.value), e.closed.source);
  if (e.note) add('note', e.note.value, e.note.source);

  section('tags');
  add(ctx.reserved.holder, e.holder?.value ?? '(holder)', 'reserved: from holder', 1);
  add(ctx.reserved.state, '(vanilla when missing)', 'reserved: owned by the lifecycle', 1);
  for (const [key, value] of Object.entries(managedTags(ctx.environment)))
    add(key, value, 'reserved: the mark of what SPA manages', 1);
  for (const [key, v] of Object.entries(e.tags)) add(key, v.value, v.source, 1);
  const unset = Object.entries(e.unsetTags);
  if (unset.length > 0) {
    section('unsetTags');
    for (const [key, source] of unset) add(key, '(removed)', source, 1);
  }

  contactRows(e, add, section);

  section('budget');
  if (e.budget) {
    add('amount', `${e.budget.amount.value} ${e.budget.currency.value}`, e.budget.amount.source, 1);
    add(
      'thresholds',
      e.budget.thresholds.value.map((t) => `${t}%`).join(', '),
      e.budget.thresholds.source,
      1,
    );
  } else {
    add('amount', '(none: no budget)', '(default)', 1);
  }
  for (const name of ['preparation', 'purge'] as const) {
    const task = e[name];
    section(name);
    add('enabled', String(task.enabled.value), task.enabled.source, 1);
    for (const [key, v] of Object.entries(task.variables)) add(key, v.value, v.source, 2);
  }
  if (e.maintenanceWindow) add('maintenanceWindow', e.maintenanceWindow.value, e.maintenanceWindow.source);
  else add('maintenanceWindow', '(none: never purged)', '(default)');
  add('notifications', e.notifications.value.join(', ') || '(none)', e.notifications.source);
  return rows;
}

type Add = (label: string, value: string, source: Provenance | string, depth?: number) => void;

function contactRows(e: EffectiveAccount['settings'], add: Add, section: (label: string) => void): void {
  section('alternateContacts');
  const set = CONTACT_TYPES.filter((t) => e.alternateContacts[t]);
  if (set.length === 0) add('(none)', '', '(default)', 1);
  for (const type of set)
    add(type, describeContact(e.alternateContacts[type]!.value), e.alternateContacts[type]!.source, 1);
  for (const type of CONTACT_TYPES) {
    const unset = e.unsetAlternateContacts[type];
    if (unset) add(type, '(removed)', unset, 1);
  }
}

/** For machines: the effective settings, every value with `{file, line}` of its source. */
export function renderExplainJson(account: EffectiveAccount): string {
  return JSON.stringify({ version: 1, ...account }, null, 2) + '\n';
}
