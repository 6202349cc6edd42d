import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../engine/src/desired/validate.js';
import { formatProvenance } from '../../engine/src/domain/source.js';
import type { EffectiveSettings } from '../../engine/src/domain/model.js';
import { describeDiagnostics, minimalTree, toFiles, type MinimalTree } from '../helpers/tree.js';

/** The levels of the chain, lowest first, as the files of a minimal tree. */
interface Levels {
  defaults?: Record<string, unknown>;
  outer?: Record<string, unknown>;
  inner?: Record<string, unknown>;
  account?: Record<string, unknown>;
  csv?: string;
}

function effective(levels: Levels): EffectiveSettings {
  const spec: MinimalTree = {
    defaults: levels.defaults ?? {},
    ous: { Outer: levels.outer ?? {}, 'Outer/Inner': levels.inner ?? {} },
    accounts: { alice: { organizationalUnit: 'Outer/Inner', ...levels.account } },
  };
  if (levels.csv) spec.csv = { 'a.csv': levels.csv };
  const result = validateSettings(toFiles(minimalTree(spec)));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, describeDiagnostics(errors)).toEqual([]);
  return result.accounts[0]!.settings;
}

/** Reads one effective value and where it comes from, as `value @ file:line`. */
function read(settings: EffectiveSettings, path: string): string | undefined {
  const [head, key] = path.split('.') as [string, string | undefined];
  const show = (v: { value: unknown; source: Parameters<typeof formatProvenance>[0] } | undefined) =>
    v
      ? `${Array.isArray(v.value) ? v.value.join(',') : String(v.value)} @ ${formatProvenance(v.source)}`
      : undefined;
  switch (head) {
    case 'tags':
      return show(settings.tags[key!]);
    case 'unset':
      return settings.unsetTags[key!] ? `unset @ ${formatProvenance(settings.unsetTags[key!]!)}` : undefined;
    case 'budget':
      return show(settings.budget?.[key as 'amount' | 'currency' | 'thresholds']);
    case 'preparation':
      return key === 'enabled'
        ? show(settings.preparation.enabled)
        : show(settings.preparation.variables[key!]);
    case 'note':
      return show(settings.note);
    case 'contact': {
      const c = settings.alternateContacts[key as 'billing' | 'operations' | 'security'];
      return c ? `${c.value.name} @ ${formatProvenance(c.source)}` : undefined;
    }
    case 'unsetContact': {
      const u = settings.unsetAlternateContacts[key as 'billing' | 'operations' | 'security'];
      return u ? `unset @ ${formatProvenance(u)}` : undefined;
    }
    default:
      throw new Error(`unknown path ${path}`);
  }
}

const CSV_HEADER = 'Account,Tag: owner,Budget,Preparation: SIZE,Note\n';
const contact = (name: string) => ({ name, title: 't', email: `${name}@example.com`, phone: '+1 555 0100' });

const table: { name: string; levels: Levels; expect: Record<string, string | undefined> }[] = [
  {
    name: 'defaults alone',
    levels: { defaults: { tags: { owner: 'd' } } },
    expect: { 'tags.owner': 'd @ settings.yaml:8 (defaults)' },
  },
  {
    name: 'the outer OU overrides defaults',
    levels: { defaults: { tags: { owner: 'd' } }, outer: { tags: { owner: 'o' } } },
    expect: { 'tags.owner': 'o @ organizational-units/Outer.yaml:3' },
  },
  {
    name: 'the inner OU overrides the outer OU',
    levels: { outer: { tags: { owner: 'o' } }, inner: { tags: { owner: 'i' } } },
    expect: { 'tags.owner': 'i @ organizational-units/Outer/Inner.yaml:3' },
  },
  {
    name: 'the account file overrides the OUs',
    levels: { inner: { tags: { owner: 'i' } }, account: { tags: { owner: 'a' } } },
    expect: { 'tags.owner': 'a @ accounts/alice.yaml:6' },
  },
  {
    name: 'a CSV row overrides the account file',
    levels: { account: { tags: { owner: 'a' } }, csv: `${CSV_HEADER}alice@example.com,c,,,\n` },
    expect: { 'tags.owner': 'c @ tags-csv/a.csv:2' },
  },
  {
    name: 'an empty CSV cell has no opinion',
    levels: { account: { tags: { owner: 'a' } }, csv: `${CSV_HEADER}alice@example.com,,,,\n` },
    expect: { 'tags.owner': 'a @ accounts/alice.yaml:6' },
  },
  {
    name: 'maps merge per key across levels',
    levels: { defaults: { tags: { owner: 'd', team: 'd' } }, account: { tags: { team: 'a' } } },
    expect: { 'tags.owner': 'd @ settings.yaml:8 (defaults)', 'tags.team': 'a @ accounts/alice.yaml:6' },
  },
  {
    name: 'costCenter is the cost-center tag',
    levels: { outer: { costCenter: 'CC-1' }, account: { tags: { other: 'x' } } },
    expect: { 'tags.cost-center': 'CC-1 @ organizational-units/Outer.yaml:2' },
  },
  {
    name: 'a tag set at a higher level wins over an unset below',
    levels: { defaults: { unsetTags: ['owner'] }, account: { tags: { owner: 'a' } } },
    expect: { 'tags.owner': 'a @ accounts/alice.yaml:6', 'unset.owner': undefined },
  },
  {
    name: 'an unset at a higher level wins over a set below',
    levels: { outer: { tags: { owner: 'o' } }, account: { unsetTags: ['owner'] } },
    expect: { 'tags.owner': undefined, 'unset.owner': 'unset @ accounts/alice.yaml:6' },
  },
  {
    name: 'unsetTags are united across levels',
    levels: { defaults: { unsetTags: ['x'] }, inner: { unsetTags: ['y'] } },
    expect: {
      'unset.x': 'unset @ settings.yaml:8 (defaults)',
      'unset.y': 'unset @ organizational-units/Outer/Inner.yaml:3',
    },
  },
  {
    name: 'budget merges per field',
    levels: { defaults: { budget: { amount: 100, thresholds: [50] } }, inner: { budget: { amount: 300 } } },
    expect: {
      'budget.amount': '300 @ organizational-units/Outer/Inner.yaml:3',
      'budget.thresholds': '50 @ settings.yaml:10 (defaults)',
      'budget.currency': 'USD @ (default)',
    },
  },
  {
    name: 'lists other than unsetTags are replaced',
    levels: {
      outer: { budget: { amount: 1, thresholds: [50, 80] } },
      account: { budget: { thresholds: [90] } },
    },
    expect: { 'budget.thresholds': '90 @ accounts/alice.yaml:7' },
  },
  {
    name: 'the CSV Budget column gives the amount',
    levels: { account: { budget: { amount: 100 } }, csv: `${CSV_HEADER}alice@example.com,,250,,\n` },
    expect: { 'budget.amount': '250 @ tags-csv/a.csv:2' },
  },
  {
    name: 'variables merge per key, enabled is a scalar',
    levels: {
      defaults: { preparation: { enabled: true, variables: { SIZE: 's', MODE: 'x' } } },
      outer: { preparation: { enabled: false } },
      csv: `${CSV_HEADER}alice@example.com,,,xl,\n`,
    },
    expect: {
      'preparation.enabled': 'false @ organizational-units/Outer.yaml:3',
      'preparation.SIZE': 'xl @ tags-csv/a.csv:2',
      'preparation.MODE': 'x @ settings.yaml:11 (defaults)',
    },
  },
  {
    name: 'alternate contacts merge per type, a contact whole from the highest level that gives it',
    levels: {
      defaults: { alternateContacts: { security: contact('d'), billing: contact('d') } },
      outer: { alternateContacts: { security: contact('o') } },
    },
    expect: {
      'contact.security': 'o @ organizational-units/Outer.yaml:3',
      'contact.billing': 'd @ settings.yaml:13 (defaults)',
      'contact.operations': undefined,
    },
  },
  {
    name: 'a contact unset above a set goes away; a contact set above an unset stays',
    levels: {
      defaults: { alternateContacts: { security: contact('d') }, unsetAlternateContacts: ['billing'] },
      inner: { alternateContacts: { billing: contact('i') } },
      account: { unsetAlternateContacts: ['security'] },
    },
    expect: {
      'contact.security': undefined,
      'unsetContact.security': 'unset @ accounts/alice.yaml:6',
      'contact.billing': 'i @ organizational-units/Outer/Inner.yaml:3',
      'unsetContact.billing': undefined,
    },
  },
  {
    name: 'no budget without an amount',
    levels: { defaults: { budget: { thresholds: [50] } } },
    expect: { 'budget.amount': undefined },
  },
  {
    name: 'the note comes from the account or the CSV, never from an OU',
    levels: { outer: { note: 'about the OU' }, csv: `${CSV_HEADER}alice@example.com,,,,from finops\n` },
    expect: { note: 'from finops @ tags-csv/a.csv:2' },
  },
];

describe('precedence: defaults < OU chain (outer to inner) < account file < CSV rows', () => {
  it.each(table.map((row) => [row.name, row] as const))('%s', (_, row) => {
    const settings = effective(row.levels);
    for (const [path, expected] of Object.entries(row.expect)) {
      expect(read(settings, path), path).toBe(expected);
    }
  });

  it('matches a CSV row by account id as well as by email', () => {
    const result = validateSettings(
      toFiles(
        minimalTree({
          ous: { Outer: {} },
          accounts: { alice: { id: '000000000042', organizationalUnit: 'Outer' } },
          csv: { 'a.csv': 'Account,Tag: owner\n000000000042,by-id\n' },
        }),
      ),
    );
    expect(result.diagnostics).toEqual([]);
    expect(formatProvenance(result.accounts[0]!.settings.tags.owner!.source)).toBe('tags-csv/a.csv:2');
  });
});
