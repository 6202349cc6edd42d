import { pointerOf } from '../config/pointer.js';
import type { EffectiveSettings, EffectiveTask } from '../domain/model.js';
import { DEFAULT_PROVENANCE, type Provenance, type Sourced } from '../domain/source.js';
import { sourceOf, type Level } from './level-data.js';

export const DEFAULT_CURRENCY = 'USD';
export const DEFAULT_THRESHOLDS = [80, 100];

export interface MergeOptions {
  /** The tag that `costCenter` stands for (reporting.costCenterTag). */
  costCenterTag: string;
  /** The maintenance window of settings.yaml, used when no OU of the chain gives one. */
  maintenanceWindow?: Sourced<string>;
}

/** What the merge keeps while it reads the levels: tags and unset keys with the rank of their level. */
interface Merging {
  out: EffectiveSettings;
  set: Map<string, { rank: number; value: Sourced<string> }>;
  unset: Map<string, { rank: number; source: Provenance }>;
  amount: Sourced<number> | undefined;
  currency: Sourced<string>;
  thresholds: Sourced<number[]>;
}

/**
 * Merges the precedence chain (lowest first) into effective settings (DESIGN.md section 4): maps merge per key,
 * the higher level winning; unsetTags are united; a key set and unset at different levels goes to the higher
 * level (equal levels are a diagnostic of the file); scalars and other lists are replaced; budget merges per field.
 */
export function mergeLevels(levels: readonly Level[], options: MergeOptions): EffectiveSettings {
  const m: Merging = {
    out: {
      tags: {},
      unsetTags: {},
      preparation: emptyTask(),
      purge: emptyTask(),
      notifications: { value: [], source: DEFAULT_PROVENANCE },
      closed: { value: false, source: DEFAULT_PROVENANCE },
    },
    set: new Map(),
    unset: new Map(),
    amount: undefined,
    currency: { value: DEFAULT_CURRENCY, source: DEFAULT_PROVENANCE },
    thresholds: { value: DEFAULT_THRESHOLDS, source: DEFAULT_PROVENANCE },
  };
  if (options.maintenanceWindow) m.out.maintenanceWindow = options.maintenanceWindow;
  levels.forEach((level, rank) => mergeLevel(m, level, rank, options.costCenterTag));
  settleTags(m);
  const { out, amount, currency, thresholds } = m;
  if (amount) out.budget = { amount, currency, thresholds };
  return out;
}

function mergeLevel(m: Merging, level: Level, rank: number, costCenterTag: string): void {
  const { out } = m;
  const f = level.fields;
  const here = (pointer: string): Provenance => sourceOf(level, pointer);
  if (f.organizationalUnit !== undefined)
    out.organizationalUnit = { value: f.organizationalUnit, source: here('/organizationalUnit') };
  if (f.holder !== undefined) out.holder = { value: f.holder, source: here('/holder') };
  mergeTags(m, f, rank, here, costCenterTag);
  if (f.budget?.amount !== undefined) m.amount = { value: f.budget.amount, source: here('/budget/amount') };
  if (f.budget?.currency !== undefined)
    m.currency = { value: f.budget.currency, source: here('/budget/currency') };
  if (f.budget?.thresholds !== undefined)
    m.thresholds = { value: f.budget.thresholds, source: here('/budget/thresholds') };
  mergeTask(out.preparation, f.preparation, 'preparation', here);
  mergeTask(out.purge, f.purge, 'purge', here);
  if (f.maintenanceWindow !== undefined)
    out.maintenanceWindow = { value: f.maintenanceWindow, source: here('/maintenanceWindow') };
  if (f.notifications !== undefined)
    out.notifications = { value: f.notifications, source: here('/notifications') };
  // An OU's note describes the OU: only the account file and CSV rows give the account's note.
  if (f.note !== undefined && (level.kind === 'account' || level.kind === 'csv')) {
    out.note = { value: f.note, source: here('/note') };
  }
  if (f.closed !== undefined) out.closed = { value: f.closed, source: here('/closed') };
}

/** The tags a level sets (costCenter among them) and the keys it unsets, each with the level's rank. */
function mergeTags(
  m: Merging,
  f: Level['fields'],
  rank: number,
  here: (pointer: string) => Provenance,
  costCenterTag: string,
): void {
  if (f.costCenter !== undefined) {
    m.set.set(costCenterTag, { rank, value: { value: f.costCenter, source: here('/costCenter') } });
  }
  for (const [key, value] of Object.entries(f.tags ?? {})) {
    // costCenter and the same tag at one level agree (or the file has a diagnostic): keep costCenter's line.
    if (key === costCenterTag && f.costCenter !== undefined) continue;
    m.set.set(key, { rank, value: { value, source: here(pointerOf(['tags', key])) } });
  }
  (f.unsetTags ?? []).forEach((key, i) =>
    m.unset.set(key, { rank, source: here(pointerOf(['unsetTags', i])) }),
  );
}

/** A key both set and unset goes to the higher level; at the same level, the value stays. */
function settleTags({ out, set, unset }: Merging): void {
  for (const key of [...set.keys()].sort()) {
    const s = set.get(key)!;
    const u = unset.get(key);
    if (!u || s.rank >= u.rank) out.tags[key] = s.value;
  }
  for (const key of [...unset.keys()].sort()) {
    const u = unset.get(key)!;
    const s = set.get(key);
    if (!s || u.rank > s.rank) out.unsetTags[key] = u.source;
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
