import { describe, expect, it } from 'vitest';
import { levelFieldsOf, sourceOf, yamlLevel, type Level } from '../../engine/src/desired/level-data.js';
import type { PositionIndex } from '../../engine/src/domain/source.js';

describe('the account settings of a settings file', () => {
  it('are its level keys alone, the others left out', () => {
    const fields = levelFieldsOf({
      name: 'alice',
      email: 'alice@example.com',
      managed: true,
      holder: 'alice@example.com',
      costCenter: 'CC-1',
      closed: false,
      note: 'n',
      tags: { owner: 'bob' },
    });
    expect(fields).toEqual({
      holder: 'alice@example.com',
      costCenter: 'CC-1',
      closed: false,
      note: 'n',
      tags: { owner: 'bob' },
    });
  });

  it('give task variables as text, and enabled only when written', () => {
    const fields = levelFieldsOf({
      preparation: { enabled: false, variables: { SIZE: 3, DRY: true, MODE: 'x' } },
      purge: { variables: { KEEP: 1 } },
    });
    expect(fields).toEqual({
      preparation: { enabled: false, variables: { SIZE: '3', DRY: 'true', MODE: 'x' } },
      purge: { variables: { KEEP: '1' } },
    });
    expect(levelFieldsOf({ purge: { enabled: true } })).toEqual({ purge: { enabled: true } });
    expect(levelFieldsOf({ purge: {} })).toEqual({ purge: {} });
  });
});

/** The positions of an account file: each value on its line, the mappings' keys on theirs. */
const positions: PositionIndex = new Map([
  ['', { line: 1, column: 1 }],
  ['/tags', { line: 3, column: 3, keyLine: 2, keyColumn: 1 }],
  ['/tags/owner', { line: 3, column: 10, keyLine: 3, keyColumn: 3 }],
  ['/tags/a~1b', { line: 4, column: 8, keyLine: 4, keyColumn: 3 }],
  ['/budget', { line: 6, column: 3, keyLine: 5, keyColumn: 1 }],
  ['/budget/amount', { line: 6, column: 11, keyLine: 6, keyColumn: 3 }],
  ['/unsetTags', { line: 8, column: 3, keyLine: 7, keyColumn: 1 }],
  ['/unsetTags/0', { line: 8, column: 5 }],
  ['/holder', { line: 9, column: 9, keyLine: 9, keyColumn: 1 }],
]);
const value = {
  name: 'alice',
  tags: { owner: 'bob', 'a/b': 'c' },
  budget: { amount: 10 },
  unsetTags: ['x'],
  holder: 'alice@example.com',
};

describe('a level of a YAML file', () => {
  it('holds the line of every value, a mapping on the line of its key, list items by index', () => {
    const level = yamlLevel('account', 'accounts/alice.yaml', positions, '', value);
    const at = (line: number) => ({ file: 'accounts/alice.yaml', line });
    expect(level).toEqual({
      kind: 'account',
      fields: {
        tags: { owner: 'bob', 'a/b': 'c' },
        budget: { amount: 10 },
        unsetTags: ['x'],
        holder: 'alice@example.com',
      },
      sources: {
        '/tags': at(2),
        '/tags/owner': at(3),
        '/tags/a~1b': at(4),
        '/budget': at(5),
        '/budget/amount': at(6),
        '/unsetTags': at(8),
        '/unsetTags/0': at(8),
        '/holder': at(9),
      },
      fallback: at(1),
    });
  });

  it('reads the positions under a prefix and names the part of the file', () => {
    const prefixed: PositionIndex = new Map([
      ['/defaults', { line: 7, column: 3, keyLine: 6, keyColumn: 1 }],
      ['/defaults/holder', { line: 8, column: 11, keyLine: 8, keyColumn: 3 }],
    ]);
    const level = yamlLevel('defaults', 'settings.yaml', prefixed, '/defaults', { holder: 'h' }, 'defaults');
    expect(level.sources).toEqual({ '/holder': { file: 'settings.yaml', line: 8, part: 'defaults' } });
    expect(level.fallback).toEqual({ file: 'settings.yaml', line: 7, part: 'defaults' });
  });

  it('without provenance, has no sources and falls back to line 0 of the file (and its part)', () => {
    expect(yamlLevel('account', 'accounts/alice.yaml', positions, '', value, undefined, false)).toEqual({
      kind: 'account',
      fields: levelFieldsOf(value),
      sources: {},
      fallback: { file: 'accounts/alice.yaml', line: 0 },
    });
    const defaults = yamlLevel('defaults', 'settings.yaml', new Map(), '/defaults', {}, 'defaults', false);
    expect(defaults.fallback).toEqual({ file: 'settings.yaml', line: 0, part: 'defaults' });
  });
});

describe('where a value of a level was written', () => {
  const level: Level = {
    kind: 'ou',
    fields: {},
    sources: {
      '/tags': { file: 'f.yaml', line: 2 },
      '/tags/owner': { file: 'f.yaml', line: 3 },
    },
    fallback: { file: 'f.yaml', line: 1 },
  };

  it('is its own line, else the nearest parent with one, else the fallback', () => {
    expect(sourceOf(level, '/tags/owner')).toEqual({ file: 'f.yaml', line: 3 });
    expect(sourceOf(level, '/tags/team')).toEqual({ file: 'f.yaml', line: 2 });
    expect(sourceOf(level, '/tags/team/deeper')).toEqual({ file: 'f.yaml', line: 2 });
    expect(sourceOf(level, '/budget/amount')).toEqual({ file: 'f.yaml', line: 1 });
    expect(sourceOf(level, '/holder')).toEqual({ file: 'f.yaml', line: 1 });
    expect(sourceOf(level, '')).toEqual({ file: 'f.yaml', line: 1 });
  });
});
