import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import type { AccountEntry, OuEntry, SettingsModel } from '../domain/model.js';
import type { PositionIndex } from '../domain/source.js';
import { pointerOf } from './pointer.js';
import { locationOf, siteOf } from './locate.js';

interface ContactLevel {
  file: string;
  positions: PositionIndex;
  prefix: string;
  fields: { alternateContacts?: object | undefined; unsetAlternateContacts?: string[] | undefined };
}

/** One file may not both set and unset a type of alternate contact (levels settle it between files). */
export function checkContactLevels(
  settings: SettingsModel['settings'] | undefined,
  ous: ReadonlyMap<string, OuEntry>,
  accounts: readonly AccountEntry[],
): Diagnostic[] {
  const levels: ContactLevel[] = [
    ...(settings?.value.defaults
      ? [
          {
            file: settings.file,
            positions: settings.positions,
            prefix: '/defaults',
            fields: settings.value.defaults,
          },
        ]
      : []),
    ...[...ous.values()].map((ou) => ({
      file: ou.file,
      positions: ou.positions,
      prefix: '',
      fields: ou.value,
    })),
    ...accounts.map((a) => ({ file: a.file, positions: a.positions, prefix: '', fields: a.value })),
  ];
  const out: Diagnostic[] = [];
  for (const { file, positions, prefix, fields } of levels) {
    (fields.unsetAlternateContacts ?? []).forEach((type, i) => {
      if ((fields.alternateContacts as Record<string, unknown> | undefined)?.[type] === undefined) return;
      const pointer = `${prefix}${pointerOf(['unsetAlternateContacts', i])}`;
      out.push(
        diagnostic(siteOf(file, positions, pointer), {
          code: 'contact-set-and-unset',
          summary: `the ${type} contact is both set and unset in this file`,
          value: type,
          allowed: 'a type either in alternateContacts or in unsetAlternateContacts',
          hint: `remove "${type}" from alternateContacts or from unsetAlternateContacts`,
          related: [locationOf(file, positions, `${prefix}${pointerOf(['alternateContacts', type])}`, true)],
        }),
      );
    });
  }
  return out;
}
