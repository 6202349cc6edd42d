import { describe, expect, it } from 'vitest';
import {
  indexDesired,
  isManagedPath,
  nearestOu,
  settingsForAccount,
} from '../../engine/src/desired/index-of.js';
import { desiredOf } from '../helpers/observed.js';
import { minimalTree } from '../helpers/tree.js';

const desired = desiredOf(
  minimalTree({
    settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' },
    defaults: { organizationalUnit: 'Sandbox/Lab' },
    ous: {
      Sandbox: { managed: true, tags: { unit: 'sandbox' } },
      'Sandbox/Lab': { maintenanceWindow: 'cron(0 6 ? * MON *)', tags: { unit: 'lab' } },
      'Sandbox/Lab/Quiet': { managed: false },
    },
    accounts: {
      alice: { id: '000000000042', organizationalUnit: 'Sandbox' },
      bob: {},
    },
    csv: {
      'a.csv': [
        'Account,Tag: owner,Tag: team',
        'alice@example.com,alice,',
        '000000000099,by-id,red',
        'dave@example.com,by-email,blue',
      ].join('\n'),
    },
  }),
);
const index = indexDesired(desired);
const alice = index.accountsByName.get('alice')!;
const bob = index.accountsByName.get('bob')!;

describe('the index of a desired organization', () => {
  it('finds accounts by name, email and id, OUs by path, CSV rows without a file by id or email', () => {
    expect([...index.accountsByName.keys()]).toEqual(['alice', 'bob']);
    expect([...index.accountsByEmail.keys()]).toEqual(['alice@example.com', 'bob@example.com']);
    expect([...index.accountsById.entries()]).toEqual([['000000000042', alice]]);
    expect([...index.ous.keys()]).toEqual(['Sandbox', 'Sandbox/Lab', 'Sandbox/Lab/Quiet']);
    expect([...index.csvById.keys()]).toEqual(['000000000099']);
    expect([...index.csvByEmail.keys()]).toEqual(['dave@example.com']);
    expect(index.desired).toBe(desired);
  });

  it('gives the nearest OU with a file on a path, and whether the path is managed', () => {
    expect(nearestOu(index, 'Sandbox/Lab/Deeper')?.path).toBe('Sandbox/Lab');
    expect(nearestOu(index, 'Sandbox/Lab/Quiet')?.path).toBe('Sandbox/Lab/Quiet');
    expect(nearestOu(index, 'Elsewhere')).toBeUndefined();
    expect(isManagedPath(index, 'Sandbox/Lab/Deeper')).toBe(true);
    expect(isManagedPath(index, 'Sandbox/Lab/Quiet/Below')).toBe(false);
    expect(isManagedPath(index, 'Elsewhere')).toBe(false);
  });
});

describe('the settings of an account as AWS shows it', () => {
  it("are the file's own when no other CSV row names its id or email", () => {
    const own = settingsForAccount(index, { file: alice, id: '000000000042', email: 'alice@example.com' });
    expect(own.settings).toBe(alice.settings);
    expect(own.rows).toEqual([alice.csv]);
    expect(own.conflicts).toEqual([]);
    expect(settingsForAccount(index, { file: bob }).rows).toEqual([]);
  });

  it('add the rows that name its id or email in AWS, over the file, and name the conflicts', () => {
    const byId = settingsForAccount(index, { file: alice, id: '000000000099' });
    expect(byId.rows).toEqual([alice.csv, index.csvById.get('000000000099')]);
    expect(byId.settings.tags.owner?.value).toBe('alice');
    expect(byId.settings.tags.team?.value).toBe('red');
    expect(byId.settings.organizationalUnit?.value).toBe('Sandbox');
    expect(byId.conflicts).toEqual([
      {
        key: 'tag:owner',
        values: [
          { value: 'alice', file: 'tags-csv/a.csv', line: 2 },
          { value: 'by-id', file: 'tags-csv/a.csv', line: 3 },
        ],
      },
    ]);
    const byEmail = settingsForAccount(index, { file: bob, email: 'dave@example.com' });
    expect(byEmail.rows).toEqual([index.csvByEmail.get('dave@example.com')]);
    expect(byEmail.settings.tags.team?.value).toBe('blue');
    expect(byEmail.conflicts).toEqual([]);
  });

  it("of a file without an OU take the defaults' OU and its window", () => {
    const s = settingsForAccount(index, { file: bob, email: 'dave@example.com' }).settings;
    expect(s.organizationalUnit?.value).toBe('Sandbox/Lab');
    expect(s.maintenanceWindow?.value).toBe('cron(0 6 ? * MON *)');
    expect(s.tags.unit?.value).toBe('lab');
  });

  it('of an account without a file are its OU chain and the rows that name it', () => {
    const s = settingsForAccount(index, {
      id: '000000000099',
      email: 'dave@example.com',
      ouPath: 'Sandbox',
    });
    expect(s.rows.map((r) => r.account)).toEqual(['000000000099', 'dave@example.com']);
    expect(s.settings.tags.unit?.value).toBe('sandbox');
    expect(s.settings.tags.owner?.value).toBe('by-id');
    expect(s.settings.maintenanceWindow?.value).toBe('cron(0 18 ? * SAT *)');
    expect(s.conflicts.map((c) => c.key)).toEqual(['tag:owner', 'tag:team']);
    const outside = settingsForAccount(index, { email: 'nobody@example.com', ouPath: 'Elsewhere' });
    expect(outside.rows).toEqual([]);
    expect(outside.settings.tags).toEqual({});
  });

  it("of an account at the root are settings.yaml's defaults and window, and the rows that name it", () => {
    const root = settingsForAccount(index, { email: 'dave@example.com' }).settings;
    expect(Object.keys(root.tags)).toEqual(['owner', 'team']);
    expect(root.tags.team?.value).toBe('blue');
    expect(root.organizationalUnit?.source.part).toBe('defaults');
    expect(root.maintenanceWindow?.value).toBe('cron(0 18 ? * SAT *)');
  });
});
