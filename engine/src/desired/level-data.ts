import { locate } from '../config/locate.js';
import { escapeSegment } from '../config/pointer.js';
import type { Level, LevelFields } from '../domain/generated/types.js';
import type { PositionIndex, Provenance } from '../domain/source.js';

export type { Level, LevelFields };

/** The keys of a settings file that are account settings, the ones a level of the precedence chain gives. */
const LEVEL_KEYS = [
  'organizationalUnit',
  'holder',
  'costCenter',
  'budget',
  'tags',
  'unsetTags',
  'alternateContacts',
  'unsetAlternateContacts',
  'preparation',
  'purge',
  'maintenanceWindow',
  'notifications',
  'note',
  'closed',
] as const satisfies readonly (keyof LevelFields)[];

type TaskLike = { enabled?: boolean; variables?: Record<string, string | number | boolean> };

/** The account settings of a parsed YAML value (defaults, an OU file or an account file), as plain data. */
export function levelFieldsOf(value: Record<string, unknown>): LevelFields {
  const out: Record<string, unknown> = {};
  for (const key of LEVEL_KEYS) {
    const v = value[key];
    if (v === undefined) continue;
    out[key] = key === 'preparation' || key === 'purge' ? taskOf(v as TaskLike) : v;
  }
  return out;
}

function taskOf(task: TaskLike): NonNullable<LevelFields['preparation']> {
  const out: NonNullable<LevelFields['preparation']> = {};
  if (task.enabled !== undefined) out.enabled = task.enabled;
  if (task.variables)
    out.variables = Object.fromEntries(Object.entries(task.variables).map(([k, v]) => [k, String(v)]));
  return out;
}

/**
 * A level of a YAML file: its fields, and the line of every value in them (what `locate` gives), so that the
 * level can be merged later without the file's positions.
 */
export function yamlLevel(
  kind: Level['kind'],
  file: string,
  positions: PositionIndex,
  prefix: string,
  value: Record<string, unknown>,
  part?: string,
  provenance = true,
): Level {
  const fields = levelFieldsOf(value);
  if (!provenance)
    return { kind, fields, sources: {}, fallback: part ? { file, line: 0, part } : { file, line: 0 } };
  // A mapping value (a contact, a budget) comes from the line of its key, where people look for it.
  const at = (pointer: string, onKey = false): Provenance => {
    const { line } = locate(positions, prefix + pointer, onKey);
    return part ? { file, line, part } : { file, line };
  };
  const sources: Record<string, Provenance> = {};
  // Pointers are built by concatenation: this walk runs over every value of every file.
  const walk = (node: unknown, pointer: string): void => {
    const mapping = node !== null && typeof node === 'object' && !Array.isArray(node);
    if (pointer !== '') sources[pointer] = at(pointer, mapping);
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    else if (node !== null && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${escapeSegment(k)}`);
  };
  walk(fields, '');
  return { kind, fields, sources, fallback: at('') };
}

/** Where the value at `pointer` of a level was written: its own line, else its parent's. */
export function sourceOf(level: Level, pointer: string): Provenance {
  let p = pointer;
  for (;;) {
    const found = level.sources[p];
    if (found) return found;
    const slash = p.lastIndexOf('/');
    if (slash <= 0) return level.fallback;
    p = p.slice(0, slash);
  }
}
