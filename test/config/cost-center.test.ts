import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../engine/src/desired/validate.js';
import { minimalTree, toFiles } from '../helpers/tree.js';

const settingsOf = (account: Record<string, unknown>) =>
  validateSettings(
    toFiles(
      minimalTree({ ous: { Sandbox: {} }, accounts: { a: { organizationalUnit: 'Sandbox', ...account } } }),
    ),
  );

describe('costCenter, the shorthand of the cost-center tag', () => {
  it('cannot be set and unset in one file', () => {
    const v = settingsOf({ costCenter: 'CC-1', unsetTags: ['cost-center'] });
    expect(v.valid).toBe(false);
    expect(v.diagnostics).toEqual([
      expect.objectContaining({
        code: 'tag-set-and-unset',
        file: 'accounts/a.yaml',
        pointer: '/unsetTags/0',
      }),
    ]);
  });

  it('follows reporting.costCenterTag: unsetting another key beside it is fine', () => {
    const v = settingsOf({ costCenter: 'CC-1', unsetTags: ['old-cost-center'] });
    expect(v.valid).toBe(true);
    expect(v.accounts[0]!.settings.tags['cost-center']?.value).toBe('CC-1');
    expect(Object.keys(v.accounts[0]!.settings.unsetTags)).toEqual(['old-cost-center']);
  });
});
