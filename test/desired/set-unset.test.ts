import { describe, expect, it } from 'vitest';
import { SetUnset } from '../../engine/src/desired/set-unset.js';

const at = (line: number) => ({ file: 'f.yaml', line });

describe('a key set and unset along the precedence chain', () => {
  it('goes to the higher level: a set above an unset stays, an unset above a set removes it', () => {
    const keys = new SetUnset<string>();
    keys.unset('kept', 0, at(1));
    keys.set('kept', 1, 'yes');
    keys.set('gone', 0, 'no');
    keys.unset('gone', 1, at(2));
    expect(keys.resolve()).toEqual({ set: { kept: 'yes' }, unset: { gone: at(2) } });
  });

  it('set and unset at the same level: the set wins and the key is not unset', () => {
    const keys = new SetUnset<string>();
    keys.set('both', 2, 'value');
    keys.unset('both', 2, at(3));
    expect(keys.resolve()).toEqual({ set: { both: 'value' }, unset: {} });
  });

  it('a later call at a level replaces an earlier one for the same key', () => {
    const keys = new SetUnset<string>();
    keys.set('k', 0, 'first');
    keys.set('k', 3, 'second');
    keys.unset('u', 1, at(1));
    keys.unset('u', 4, at(4));
    keys.set('u', 2, 'between');
    expect(keys.resolve()).toEqual({ set: { k: 'second' }, unset: { u: at(4) } });
  });

  it('lists the keys set and the keys unset in sorted order', () => {
    const keys = new SetUnset<number>();
    for (const [i, key] of ['zeta', 'alpha', 'mid'].entries()) keys.set(key, i, i);
    for (const key of ['y', 'b', 'm']) keys.unset(key, 0, at(1));
    const { set, unset } = keys.resolve();
    expect(Object.keys(set)).toEqual(['alpha', 'mid', 'zeta']);
    expect(Object.keys(unset)).toEqual(['b', 'm', 'y']);
  });

  it('gives nothing when nothing was set or unset', () => {
    expect(new SetUnset<string>().resolve()).toEqual({ set: {}, unset: {} });
  });
});
