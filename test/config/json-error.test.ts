import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../engine/src/config/json-error.js';

describe('where a text stops being JSON', () => {
  it.each([
    ['{"a": [1, 2, {"b": "c"}], "d": null, "e": -1.5e3}', -1],
    ['{"a": 1,\n  "b": }', 16],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['{"a": tru}', 6],
    ['[1 2]', 3],
    ['{"a": "x\ny"}', 8],
    ['{} x', 3],
    ["{'a': 1}", 1],
    ['', 0],
  ])('%j -> %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    if (offset === -1) expect(() => JSON.parse(text) as unknown).not.toThrow();
    else expect(() => JSON.parse(text) as unknown).toThrow();
  });
});
