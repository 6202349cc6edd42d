import { diagnostic, fileStart, type Diagnostic } from '../domain/diagnostic.js';
import { isManagedTagKey, MANAGED_TAG_KEYS } from '../domain/managed-tags.js';
import type { OuEntry, SettingsModel } from '../domain/model.js';
import { OUS_DIR } from './layout.js';
import { siteOf } from './locate.js';
import { suggest } from './message-words.js';
import { pointerOf } from './pointer.js';
import { checkScheduleAt } from './schedule.js';

/** Each OU file: its parent has a file, its maintenance window is a schedule, its channels are defined. */
export function checkOus(
  settings: SettingsModel['settings'] | undefined,
  ous: ReadonlyMap<string, OuEntry>,
  out: Diagnostic[],
): void {
  const channels = settings ? Object.keys(settings.resolved.notifications) : undefined;
  for (const ou of ous.values()) {
    const parent = missingParent(ou, ous);
    if (parent) out.push(parent);
    if (ou.value.maintenanceWindow)
      checkScheduleAt(ou.file, ou.positions, '/maintenanceWindow', ou.value.maintenanceWindow, out);
    // Without a valid settings.yaml the channels are unknown: its own diagnostics say why.
    if (channels !== undefined) out.push(...unknownChannels(ou, channels));
    out.push(...reservedOuTags(ou));
  }
}

/** The mark of what SPA manages is the engine's to write on an OU, not an OU file's. */
function reservedOuTags(ou: OuEntry): Diagnostic[] {
  return Object.keys(ou.value.ouTags ?? {})
    .filter(isManagedTagKey)
    .map((key) =>
      diagnostic(siteOf(ou.file, ou.positions, pointerOf(['ouTags', key]), true), {
        code: 'reserved-tag',
        summary: `OU tag "${key}" is reserved: the engine marks what it manages with it (managed-by: spa, spa-environment: <environment>)`,
        value: key,
        allowed: `any key but ${MANAGED_TAG_KEYS.join(' and ')}`,
        hint: 'remove this tag; the engine writes it on every OU that has a file',
      }),
    );
}

function missingParent(ou: OuEntry, ous: ReadonlyMap<string, OuEntry>): Diagnostic | undefined {
  const slash = ou.path.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const parent = ou.path.slice(0, slash);
  if (ous.has(parent)) return undefined;
  return diagnostic(fileStart(ou.file), {
    code: 'missing-parent-ou',
    summary: `the parent OU "${parent}" of "${ou.path}" has no file`,
    value: parent,
    allowed: 'every OU on the path has a file',
    hint: `create ${OUS_DIR}${parent}.yaml (it may hold only its schema comment and "managed: false")`,
  });
}

function unknownChannels(ou: OuEntry, channels: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  (ou.value.notifications ?? []).forEach((name, i) => {
    if (channels.includes(name)) return;
    const guess = suggest(name, channels);
    out.push(
      diagnostic(siteOf(ou.file, ou.positions, pointerOf(['notifications', i])), {
        code: 'unknown-channel',
        summary: `notification channel "${name}" is not defined in settings.yaml${guess ? `; did you mean "${guess}"?` : ''}`,
        value: name,
        allowed:
          channels.length > 0
            ? `one of ${channels.join(', ')}`
            : 'a channel defined under notifications in settings.yaml',
        hint: guess ? `write "${guess}"` : `define "${name}" under notifications in settings.yaml`,
      }),
    );
  });
  return out;
}
