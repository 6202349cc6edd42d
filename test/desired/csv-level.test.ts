import { describe, expect, it } from 'vitest';
import { csvLevel, csvRowsData, mergeCsvRows, type CsvRowsData } from '../../engine/src/desired/csv-level.js';

const cell = (value: string, line: number, file = 'tags-csv/a.csv') => ({ value, source: { file, line } });

const rows = (cells: CsvRowsData['cells'], line = 2, file = 'tags-csv/a.csv'): CsvRowsData => ({
  account: 'alice@example.com',
  kind: 'email',
  source: { file, line },
  cells,
});

describe('the CSV rows of an account as a level of the chain', () => {
  it('are plain data: the cells of the map keep their value and source, nothing else', () => {
    const data = csvRowsData({
      account: '000000000042',
      kind: 'id',
      accountFile: 'accounts/alice.yaml',
      source: { file: 'tags-csv/a.csv', line: 3 },
      cells: new Map([
        ['note', { ...cell('hello', 3), column: 7, pointer: '/3/Note' }],
        ['tag:owner', { ...cell('bob', 4), column: 2, pointer: '/4/Tag: owner' }],
      ]),
    });
    expect(data).toEqual({
      account: '000000000042',
      kind: 'id',
      source: { file: 'tags-csv/a.csv', line: 3 },
      cells: { note: cell('hello', 3), 'tag:owner': cell('bob', 4) },
    });
  });

  it('give the note, the budget amount as a number, tags and task variables, each with its cell', () => {
    const level = csvLevel(
      rows({
        note: cell('from finops', 2),
        budget: cell('250.5', 3),
        'tag:owner': cell('bob', 4),
        'tag:a/b~c': cell('escaped', 5),
        'preparation:SIZE': cell('xl', 6),
        'purge:MODE': cell('soft', 7),
      }),
    );
    expect(level).toEqual({
      kind: 'csv',
      fields: {
        note: 'from finops',
        budget: { amount: 250.5 },
        tags: { owner: 'bob', 'a/b~c': 'escaped' },
        preparation: { variables: { SIZE: 'xl' } },
        purge: { variables: { MODE: 'soft' } },
      },
      sources: {
        '/note': cell('from finops', 2).source,
        '/budget/amount': cell('', 3).source,
        '/tags/owner': cell('', 4).source,
        '/tags/a~1b~0c': cell('', 5).source,
        '/preparation/variables/SIZE': cell('', 6).source,
        '/purge/variables/MODE': cell('', 7).source,
      },
      fallback: { file: 'tags-csv/a.csv', line: 2 },
    });
  });

  it('put several tags and variables of one task in the same mapping', () => {
    const level = csvLevel(
      rows({
        'tag:a': cell('1', 2),
        'tag:b': cell('2', 2),
        'preparation:X': cell('x', 2),
        'preparation:Y': cell('y', 2),
      }),
    );
    expect(level.fields).toEqual({
      tags: { a: '1', b: '2' },
      preparation: { variables: { X: 'x', Y: 'y' } },
    });
  });

  it('give no field at all for rows without cells', () => {
    expect(csvLevel(rows({}))).toEqual({
      kind: 'csv',
      fields: {},
      sources: {},
      fallback: { file: 'tags-csv/a.csv', line: 2 },
    });
  });
});

describe('the CSV rows of one account from several groups (file, id, email)', () => {
  it('are none without a group, and the group itself when there is one', () => {
    expect(mergeCsvRows([])).toEqual({ rows: undefined, conflicts: [] });
    const one = rows({ note: cell('n', 2) });
    const merged = mergeCsvRows([one]);
    expect(merged.rows).toBe(one);
    expect(merged.conflicts).toEqual([]);
  });

  it('unite the cells, the first group first; the same value twice is no conflict', () => {
    const first = rows({ note: cell('n', 2), 'tag:owner': cell('bob', 2) });
    const second = rows({ 'tag:owner': cell('bob', 9, 'tags-csv/b.csv'), budget: cell('10', 9) }, 9);
    const merged = mergeCsvRows([first, second]);
    expect(merged).toEqual({
      rows: {
        ...first,
        cells: { note: cell('n', 2), 'tag:owner': cell('bob', 2), budget: cell('10', 9) },
      },
      conflicts: [],
    });
    expect(first.cells).toEqual({ note: cell('n', 2), 'tag:owner': cell('bob', 2) });
  });

  it('name each key whose values differ with both values and where they were written; the first value stays', () => {
    const merged = mergeCsvRows([
      rows({ 'tag:owner': cell('bob', 2) }),
      rows({ 'tag:owner': cell('carol', 5, 'tags-csv/b.csv') }, 5, 'tags-csv/b.csv'),
      rows({ 'tag:owner': cell('dave', 7, 'tags-csv/c.csv') }, 7, 'tags-csv/c.csv'),
    ]);
    expect(merged.rows?.cells).toEqual({ 'tag:owner': cell('bob', 2) });
    expect(merged.conflicts).toEqual([
      {
        key: 'tag:owner',
        values: [
          { value: 'bob', file: 'tags-csv/a.csv', line: 2 },
          { value: 'carol', file: 'tags-csv/b.csv', line: 5 },
        ],
      },
      {
        key: 'tag:owner',
        values: [
          { value: 'bob', file: 'tags-csv/a.csv', line: 2 },
          { value: 'dave', file: 'tags-csv/c.csv', line: 7 },
        ],
      },
    ]);
  });
});
