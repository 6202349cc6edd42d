import { pointerOf } from '../config/pointer.js';
import type { EffectiveSettings, EffectiveTask } from '../domain/model.js';
import { DEFAULT_PROVENANCE, type Provenance, type Sourced } from '../domain/source.js';
import type { Contact } from '../observed/types.js';
import { sourceOf, type Level } from './level-data.js';
import { SetUnset } from './set-unset.js';

export const DEFAULT_CURRENCY = 'USD';
export const DEFAULT_THRESHOLDS = [80, 100];

export interface MergeOptions {
  /** The tag that `costCenter` stands for (reporting.costCenterTag). */
  costCenterTag: string;
  /** The maintenance window of the account's OU (effectiveOu): no other level sets one. */
  maintenanceWindow?: Sourced<string>;
}

/**
 * Merges the precedence chain (lowest first) into effective settings (DESIGN.md section 4): maps merge per key,
 * the higher level winning; unsetTags are united; a key set and unset at different levels goes to the higher
 * level (equal levels are a diagnostic of the file); scalars and other lists are replaced; budget merges per field.
 */
export function mergeLevels(levels: readonly Level[], options: MergeOptions): EffectiveSettings {
  const tags = new SetUnset<Sourced<string>>();
  const contacts = new SetUnset<Sourced<Contact>>();
  const out: EffectiveSettings = {
    tags: {},
    unsetTags: {},
    alternateContacts: {},
    unsetAlternateContacts: {},
    preparation: emptyTask(),
    purge: emptyTask(),
    notifications: { value: [], source: DEFAULT_PROVENANCE },
    closed: { value: false, source: DEFAULT_PROVENANCE },
  };
  if (options.maintenanceWindow) out.maintenanceWindow = options.maintenanceWindow;
  const budget = new BudgetMerge();

  levels.forEach((level, rank) =>
    mergeLevel({ out, tags, contacts, budget }, level, rank, options.costCenterTag),
  );

  ({ set: out.tags, unset: out.unsetTags } = tags.resolve());
  ({ set: out.alternateContacts, unset: out.unsetAlternateContacts } = contacts.resolve());
  const merged = budget.result();
  if (merged) out.budget = merged;
  return out;
}

/** What the merge keeps while it reads the levels. */
interface Merging {
  out: EffectiveSettings;
  tags: SetUnset<Sourced<string>>;
  contacts: SetUnset<Sourced<Contact>>;
  budget: BudgetMerge;
}

/** One level of the chain, over what the lower levels gave. */
function mergeLevel(
  { out, tags, contacts, budget }: Merging,
  level: Level,
  rank: number,
  costCenterTag: string,
): void {
  const f = level.fields;
  const here = (pointer: string): Provenance => sourceOf(level, pointer);
  if (f.organizationalUnit !== undefined)
    out.organizationalUnit = { value: f.organizationalUnit, source: here('/organizationalUnit') };
  if (f.holder !== undefined) out.holder = { value: f.holder, source: here('/holder') };
  mergeTags(tags, f, rank, here, costCenterTag);
  for (const [type, contact] of Object.entries(f.alternateContacts ?? {}))
    contacts.set(type, rank, { value: contact, source: here(pointerOf(['alternateContacts', type])) });
  (f.unsetAlternateContacts ?? []).forEach((type, i) =>
    contacts.unset(type, rank, here(pointerOf(['unsetAlternateContacts', i]))),
  );
  budget.add(f.budget, here);
  mergeTask(out.preparation, f.preparation, 'preparation', here);
  mergeTask(out.purge, f.purge, 'purge', here);
  if (f.notifications !== undefined)
    out.notifications = { value: f.notifications, source: here('/notifications') };
  // An OU's note describes the OU: only the account file and CSV rows give the account's note.
  if (f.note !== undefined && (level.kind === 'account' || level.kind === 'csv')) {
    out.note = { value: f.note, source: here('/note') };
  }
  if (f.closed !== undefined) out.closed = { value: f.closed, source: here('/closed') };
}

function mergeTags(
  tags: SetUnset<Sourced<string>>,
  f: Level['fields'],
  rank: number,
  here: (pointer: string) => Provenance,
  costCenterTag: string,
): void {
  if (f.costCenter !== undefined)
    tags.set(costCenterTag, rank, { value: f.costCenter, source: here('/costCenter') });
  for (const [key, value] of Object.entries(f.tags ?? {})) {
    // costCenter and the same tag at one level agree (or the file has a diagnostic): keep costCenter's line.
    if (key === costCenterTag && f.costCenter !== undefined) continue;
    tags.set(key, rank, { value, source: here(pointerOf(['tags', key])) });
  }
  (f.unsetTags ?? []).forEach((key, i) => tags.unset(key, rank, here(pointerOf(['unsetTags', i]))));
}

/** budget merges per field: the amount from one level, the thresholds from another. */
class BudgetMerge {
  private amount: Sourced<number> | undefined;
  private currency: Sourced<string> = { value: DEFAULT_CURRENCY, source: DEFAULT_PROVENANCE };
  private thresholds: Sourced<number[]> = { value: DEFAULT_THRESHOLDS, source: DEFAULT_PROVENANCE };

  add(budget: Level['fields']['budget'], here: (pointer: string) => Provenance): void {
    if (budget?.amount !== undefined) this.amount = { value: budget.amount, source: here('/budget/amount') };
    if (budget?.currency !== undefined)
      this.currency = { value: budget.currency, source: here('/budget/currency') };
    if (budget?.thresholds !== undefined)
      this.thresholds = { value: budget.thresholds, source: here('/budget/thresholds') };
  }

  /** Undefined when no level gives an amount: the account has no budget. */
  result(): EffectiveSettings['budget'] {
    return this.amount
      ? { amount: this.amount, currency: this.currency, thresholds: this.thresholds }
      : undefined;
  }
}

function emptyTask(): EffectiveTask {
  return { enabled: { value: false, source: DEFAULT_PROVENANCE }, variables: {} };
}

function mergeTask(
  into: EffectiveTask,
  task: { enabled?: boolean; variables?: Record<string, string> } | undefined,
  name: 'preparation' | 'purge',
  here: (pointer: string) => Provenance,
): void {
  if (!task) return;
  if (task.enabled !== undefined) into.enabled = { value: task.enabled, source: here(`/${name}/enabled`) };
  for (const [key, value] of Object.entries(task.variables ?? {})) {
    into.variables[key] = { value, source: here(pointerOf([name, 'variables', key])) };
  }
}
