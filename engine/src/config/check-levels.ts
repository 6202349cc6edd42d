import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import { MANAGED_TAG_KEYS } from '../domain/managed-tags.js';
import { isReserved, type ReservedTags } from '../domain/names.js';
import type { PositionIndex } from '../domain/source.js';
import { locationOf, siteOf } from './locate.js';
import { pointerOf } from './pointer.js';

/** A file that gives account settings: settings.yaml (below /defaults), an OU file or an account file. */
export interface LevelFile {
  file: string;
  positions: PositionIndex;
  prefix: string;
  fields: {
    costCenter?: string | undefined;
    tags?: Record<string, string> | undefined;
    unsetTags?: string[] | undefined;
  };
}

/** What a tag key may be, in the words of a diagnostic. */
export function anyKeyBut(reserved: ReservedTags): string {
  return `any key but ${reserved.state}, ${reserved.holder}, ${MANAGED_TAG_KEYS.join(' and ')}`;
}

/** The tag rules of one level: costCenter agrees with its tag, reserved tags stay out, no key set and unset. */
export function checkLevel(
  level: LevelFile,
  reserved: ReservedTags,
  costCenterTag: string,
  out: Diagnostic[],
): void {
  const conflict = costCenterConflict(level, costCenterTag);
  if (conflict) out.push(conflict);
  out.push(...reservedTagsSet(level, reserved), ...unsetTagProblems(level, reserved, costCenterTag));
}

function costCenterConflict(level: LevelFile, costCenterTag: string): Diagnostic | undefined {
  const { fields, file, positions, prefix } = level;
  const tag = fields.tags?.[costCenterTag];
  if (fields.costCenter === undefined || tag === undefined || tag === fields.costCenter) return undefined;
  return diagnostic(siteOf(file, positions, `${prefix}/costCenter`), {
    code: 'cost-center-conflict',
    summary: `costCenter is "${fields.costCenter}" but tags.${costCenterTag} is "${tag}" in the same file`,
    value: fields.costCenter,
    allowed: `costCenter and tags.${costCenterTag} set the same tag: give one of them, or the same value`,
    hint: `remove tags.${costCenterTag} and keep costCenter`,
    related: [locationOf(file, positions, `${prefix}/tags/${costCenterTag}`)],
  });
}

function reservedTagsSet(level: LevelFile, reserved: ReservedTags): Diagnostic[] {
  const { fields, file, positions, prefix } = level;
  return Object.keys(fields.tags ?? {})
    .filter((key) => isReserved(reserved, key))
    .map((key) =>
      diagnostic(siteOf(file, positions, `${prefix}${pointerOf(['tags', key])}`, true), {
        code: 'reserved-tag',
        summary: `tag "${key}" is reserved: ${reservedReason(reserved, key)}`,
        value: key,
        allowed: anyKeyBut(reserved),
        hint:
          key === reserved.holder
            ? 'write the holder\'s email in the account file\'s "holder" field'
            : key === reserved.state
              ? 'remove this tag; the lifecycle sets it'
              : 'remove this tag; the engine writes it on every account, OU and policy it manages',
      }),
    );
}

/** Why a reserved key is not the settings' to set. */
export function reservedReason(reserved: ReservedTags, key: string): string {
  if (key === reserved.state) return 'the account lifecycle owns it';
  if (key === reserved.holder) return 'it comes from holder';
  return 'the engine marks what it manages with it (managed-by: spa, spa-environment: <environment>)';
}

function unsetTagProblems(level: LevelFile, reserved: ReservedTags, costCenterTag: string): Diagnostic[] {
  const { fields, file, positions, prefix } = level;
  const tags = fields.tags ?? {};
  const out: Diagnostic[] = [];
  (fields.unsetTags ?? []).forEach((key, i) => {
    // Positions are looked up only for a problem: a valid file's are never computed (see loadSettings).
    const at = () => siteOf(file, positions, `${prefix}${pointerOf(['unsetTags', i])}`);
    if (isReserved(reserved, key)) {
      out.push(
        diagnostic(at(), {
          code: 'reserved-tag',
          summary: `tag "${key}" is reserved and cannot be unset`,
          value: key,
          allowed: anyKeyBut(reserved),
          hint: 'remove it from unsetTags',
        }),
      );
    }
    if (tags[key] !== undefined || (key === costCenterTag && fields.costCenter !== undefined)) {
      out.push(
        diagnostic(at(), {
          code: 'tag-set-and-unset',
          summary: `tag "${key}" is both set and unset in this file`,
          value: key,
          allowed: 'a key either in tags or in unsetTags',
          hint: `remove "${key}" from tags or from unsetTags`,
        }),
      );
    }
  });
  return out;
}
