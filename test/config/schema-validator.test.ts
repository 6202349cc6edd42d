import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { describePointer, diagnosticsFromErrors, suggest } from '../../engine/src/config/schema-validator.js';

const target = {
  file: 'accounts/a.yaml',
  value: {},
  positions: new Map([
    ['', { line: 2, column: 1 }],
    ['/budget', { line: 5, column: 3, keyLine: 4, keyColumn: 1 }],
    ['/budget/thresholds', { line: 6, column: 15, keyLine: 6, keyColumn: 3 }],
  ]),
};

function error(e: Partial<ErrorObject>): ErrorObject {
  return { keyword: 'x', instancePath: '', schemaPath: '#', params: {}, ...e } as ErrorObject;
}

describe('schema errors as diagnostics', () => {
  it('reports a number out of range with its limit', () => {
    const [d] = diagnosticsFromErrors(
      [
        error({
          keyword: 'maximum',
          instancePath: '/budget/thresholds/0',
          params: { comparison: '<=', limit: 1000 },
          data: 2000,
          parentSchema: {},
        }),
      ],
      target,
    );
    expect(d).toMatchObject({
      code: 'out-of-range',
      line: 6,
      column: 3,
      allowed: 'a number <= 1000',
      summary: 'budget.thresholds[0] is 2000, out of range',
    });
  });

  it('reports too many items at the key of the list', () => {
    const [d] = diagnosticsFromErrors(
      [
        error({
          keyword: 'maxItems',
          instancePath: '/budget/thresholds',
          params: { limit: 5 },
          data: [1, 2, 3, 4, 5, 6],
          parentSchema: {},
        }),
      ],
      target,
    );
    expect(d).toMatchObject({
      code: 'too-many',
      line: 6,
      column: 3,
      summary: 'budget.thresholds has 6 entries',
      allowed: 'at most 5',
    });
  });

  it('uses the code and hint the schema gives for a keyword', () => {
    const [d] = diagnosticsFromErrors(
      [
        error({
          keyword: 'maxItems',
          instancePath: '/budget/thresholds',
          params: { limit: 5 },
          data: [1, 2, 3, 4, 5, 6],
          parentSchema: { 'x-code': { maxItems: 'invalid-threshold' }, 'x-hint': { maxItems: 'keep 5' } },
        }),
      ],
      target,
    );
    expect(d).toMatchObject({ code: 'invalid-threshold', hint: 'keep 5' });
  });

  it('names values readably', () => {
    expect(describePointer('/tags/cost center')).toBe('tags["cost center"]');
    expect(describePointer('/budget/thresholds/2')).toBe('budget.thresholds[2]');
    expect(describePointer('')).toBe('the file');
  });

  it('suggests only close names', () => {
    expect(suggest('organisationalUnit', ['organizationalUnit', 'tags'])).toBe('organizationalUnit');
    expect(suggest('zzz', ['organizationalUnit', 'tags'])).toBeUndefined();
  });
});
