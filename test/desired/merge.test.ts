import { describe, expect, it } from 'vitest';
import { DEFAULT_CURRENCY, DEFAULT_THRESHOLDS, mergeLevels } from '../../engine/src/desired/merge.js';
import type { Level, LevelFields } from '../../engine/src/desired/level-data.js';
import { DEFAULT_PROVENANCE } from '../../engine/src/domain/source.js';

/** Where a value of a level was written: its file, and its pointer as the part of the file. */
const at = (file: string, pointer: string) => ({ file, line: 1, part: pointer });

/** A level whose every value has its own source, named by its pointer. */
function level(kind: Level['kind'], file: string, fields: LevelFields): Level {
  const sources: Level['sources'] = {};
  const walk = (node: unknown, pointer: string): void => {
    if (pointer !== '') sources[pointer] = at(file, pointer);
    if (node !== null && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k}`);
  };
  walk(fields, '');
  return { kind, fields, sources, fallback: { file, line: 0 } };
}
const options = { costCenterTag: 'cost-center' };
const contact = (name: string) => ({ name, title: 't', email: `${name}@example.com`, phone: '+1 555 0100' });

describe('merging the precedence chain', () => {
  it('gives the empty settings of no level: no budget, tasks off, no channel, not closed', () => {
    expect(mergeLevels([], options)).toEqual({
      tags: {},
      unsetTags: {},
      alternateContacts: {},
      unsetAlternateContacts: {},
      preparation: { enabled: { value: false, source: DEFAULT_PROVENANCE }, variables: {} },
      purge: { enabled: { value: false, source: DEFAULT_PROVENANCE }, variables: {} },
      notifications: { value: [], source: DEFAULT_PROVENANCE },
      closed: { value: false, source: DEFAULT_PROVENANCE },
    });
  });

  it("takes the OU's maintenance window from the options", () => {
    const window = { value: 'cron(0 6 ? * MON *)', source: at('ou.yaml', '/maintenanceWindow') };
    expect(mergeLevels([], { ...options, maintenanceWindow: window }).maintenanceWindow).toEqual(window);
  });

  it('replaces the scalars and lists level by level, each with the line that gave it', () => {
    const out = mergeLevels(
      [
        level('defaults', 'settings.yaml', {
          organizationalUnit: 'Sandbox',
          holder: 'd@example.com',
          notifications: ['ops'],
          closed: true,
        }),
        level('ou', 'ou.yaml', { holder: 'o@example.com', notifications: ['team', 'ops'] }),
        level('account', 'a.yaml', { closed: false }),
      ],
      options,
    );
    expect(out.organizationalUnit).toEqual({
      value: 'Sandbox',
      source: at('settings.yaml', '/organizationalUnit'),
    });
    expect(out.holder).toEqual({ value: 'o@example.com', source: at('ou.yaml', '/holder') });
    expect(out.notifications).toEqual({ value: ['team', 'ops'], source: at('ou.yaml', '/notifications') });
    expect(out.closed).toEqual({ value: false, source: at('a.yaml', '/closed') });
  });

  it('takes the note from the account file and the CSV rows only', () => {
    const ouNote = [level('defaults', 'settings.yaml', { note: 'd' }), level('ou', 'ou.yaml', { note: 'o' })];
    expect(mergeLevels(ouNote, options).note).toBeUndefined();
    expect(mergeLevels([...ouNote, level('account', 'a.yaml', { note: 'a' })], options).note).toEqual({
      value: 'a',
      source: at('a.yaml', '/note'),
    });
    expect(
      mergeLevels([level('account', 'a.yaml', { note: 'a' }), level('csv', 'c.csv', { note: 'c' })], options)
        .note,
    ).toEqual({ value: 'c', source: at('c.csv', '/note') });
  });

  it('makes costCenter the cost-center tag, its line winning over the same tag at its level', () => {
    const out = mergeLevels(
      [
        level('defaults', 'settings.yaml', { tags: { cc: 'lower' } }),
        level('account', 'a.yaml', { costCenter: 'CC-1', tags: { cc: 'CC-1', team: 't' } }),
      ],
      { costCenterTag: 'cc' },
    );
    expect(out.tags).toEqual({
      cc: { value: 'CC-1', source: at('a.yaml', '/costCenter') },
      team: { value: 't', source: at('a.yaml', '/tags/team') },
    });
    const tagOnly = mergeLevels([level('account', 'a.yaml', { tags: { cc: 'X' } })], { costCenterTag: 'cc' });
    expect(tagOnly.tags.cc).toEqual({ value: 'X', source: at('a.yaml', '/tags/cc') });
  });

  it('unsets tags and contacts with the line of each item', () => {
    const out = mergeLevels(
      [
        level('defaults', 'settings.yaml', {
          tags: { b: 'x' },
          alternateContacts: { billing: contact('d') },
        }),
        level('account', 'a.yaml', { unsetTags: ['a', 'b'], unsetAlternateContacts: ['billing'] }),
      ],
      options,
    );
    expect(out.unsetTags).toEqual({ a: at('a.yaml', '/unsetTags/0'), b: at('a.yaml', '/unsetTags/1') });
    expect(out.tags).toEqual({});
    expect(out.unsetAlternateContacts).toEqual({ billing: at('a.yaml', '/unsetAlternateContacts/0') });
    expect(out.alternateContacts).toEqual({});
    const kept = mergeLevels(
      [level('ou', 'ou.yaml', { alternateContacts: { security: contact('o') } })],
      options,
    );
    expect(kept.alternateContacts).toEqual({
      security: { value: contact('o'), source: at('ou.yaml', '/alternateContacts/security') },
    });
  });

  it('gives a budget only with an amount, the currency and thresholds defaulted or from their level', () => {
    expect(mergeLevels([level('defaults', 's.yaml', { budget: { currency: 'EUR' } })], options).budget).toBe(
      undefined,
    );
    expect(mergeLevels([level('account', 'a.yaml', { budget: { amount: 5 } })], options).budget).toEqual({
      amount: { value: 5, source: at('a.yaml', '/budget/amount') },
      currency: { value: 'USD', source: DEFAULT_PROVENANCE },
      thresholds: { value: [80, 100], source: DEFAULT_PROVENANCE },
    });
    expect([DEFAULT_CURRENCY, DEFAULT_THRESHOLDS]).toEqual(['USD', [80, 100]]);
    const out = mergeLevels(
      [
        level('defaults', 's.yaml', { budget: { amount: 1, currency: 'EUR', thresholds: [50] } }),
        level('account', 'a.yaml', { budget: { amount: 9 } }),
        level('csv', 'c.csv', { budget: {} }),
      ],
      options,
    ).budget;
    expect(out).toEqual({
      amount: { value: 9, source: at('a.yaml', '/budget/amount') },
      currency: { value: 'EUR', source: at('s.yaml', '/budget/currency') },
      thresholds: { value: [50], source: at('s.yaml', '/budget/thresholds') },
    });
  });

  it('merges the variables of both tasks per key, enabled replaced', () => {
    const out = mergeLevels(
      [
        level('defaults', 's.yaml', {
          preparation: { enabled: true, variables: { A: '1' } },
          purge: { enabled: true, variables: { KEEP: 'no', MODE: 'x' } },
        }),
        level('account', 'a.yaml', { purge: { enabled: false, variables: { KEEP: 'yes' } } }),
      ],
      options,
    );
    expect(out.preparation).toEqual({
      enabled: { value: true, source: at('s.yaml', '/preparation/enabled') },
      variables: { A: { value: '1', source: at('s.yaml', '/preparation/variables/A') } },
    });
    expect(out.purge).toEqual({
      enabled: { value: false, source: at('a.yaml', '/purge/enabled') },
      variables: {
        KEEP: { value: 'yes', source: at('a.yaml', '/purge/variables/KEEP') },
        MODE: { value: 'x', source: at('s.yaml', '/purge/variables/MODE') },
      },
    });
  });
});
