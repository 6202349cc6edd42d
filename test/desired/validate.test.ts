import { describe, expect, it } from 'vitest';
import { MAX_TAGS, RESERVED_TAG_COUNT, tagCount } from '../../engine/src/desired/effective.js';
import { validateSettings } from '../../engine/src/desired/validate.js';
import { mergeLevels } from '../../engine/src/desired/merge.js';
import { lineOf, minimalTree, toFiles } from '../helpers/tree.js';

const tags = (prefix: string, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'v']));

/** An account whose merged settings declare `declared` tags, half from the defaults. */
const withTags = (declared: number) =>
  minimalTree({
    defaults: { tags: tags('d', 30) },
    ous: { Lab: {} },
    accounts: { alice: { organizationalUnit: 'Lab', tags: tags('a', declared - 30) } },
  });

describe('the tags of an account after the merge', () => {
  it('count the declared ones and the reserved ones: state, holder and the mark of what SPA manages', () => {
    expect([RESERVED_TAG_COUNT, MAX_TAGS]).toEqual([4, 50]);
    const settings = mergeLevels([], { costCenterTag: 'cost-center' });
    expect(tagCount(settings)).toBe(4);
    settings.tags = { a: { value: 'x', source: { file: 'f', line: 1 } } };
    expect(tagCount(settings)).toBe(5);
  });

  it('may be 50 with the reserved ones, and one more is refused on the tags of the account file', () => {
    expect(validateSettings(toFiles(withTags(46))).diagnostics).toEqual([]);
    const tree = withTags(47);
    const result = validateSettings(toFiles(tree));
    expect(result.valid).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'too-many-tags',
        file: 'accounts/alice.yaml',
        line: lineOf(tree, 'accounts/alice.yaml', 'tags:'),
        column: 1,
        pointer: '/tags',
        summary:
          'the account would carry 51 tags after merging defaults, OUs, the file and CSV rows (47 declared + 4 reserved)',
        value: 51,
        allowed: 'at most 50 tags per account (AWS limit)',
        hint: 'remove tags at some level, or list keys in unsetTags (run `spa explain` to see where each tag comes from)',
      },
    ]);
  });
});

const tree = minimalTree({
  defaults: { tags: { team: 'd' } },
  ous: { Lab: {} },
  accounts: {
    alice: { organizationalUnit: 'Lab', id: '000000000042' },
    bob: { organizationalUnit: 'Lab' },
  },
});

describe('validating the settings', () => {
  it("gives every account's name, email, id when it has one, file and effective settings", () => {
    const result = validateSettings(toFiles(tree));
    expect(result.valid).toBe(true);
    expect(result.desired).toBeUndefined();
    expect(result.fileCount).toBe(4);
    expect(result.lines.get('accounts/bob.yaml')?.[1]).toBe('name: bob');
    expect(result.accounts.map(({ settings: _settings, ...a }) => a)).toEqual([
      { name: 'alice', email: 'alice@example.com', id: '000000000042', file: 'accounts/alice.yaml' },
      { name: 'bob', email: 'bob@example.com', file: 'accounts/bob.yaml' },
    ]);
    expect(result.accounts[0]!.settings.tags.team?.source).toEqual({
      file: 'settings.yaml',
      line: lineOf(tree, 'settings.yaml', 'team:'),
      part: 'defaults',
    });
  });

  it('computes no line when it only checks, unless it seals', () => {
    const checked = validateSettings(toFiles(tree), { checkOnly: true });
    expect(checked.valid).toBe(true);
    expect(checked.accounts[0]!.settings.tags.team?.source.line).toBe(0);
    const sealed = validateSettings(toFiles(tree), { checkOnly: true, seal: true, commit: 'abc' });
    expect(sealed.accounts[0]!.settings.tags.team?.source.line).toBe(lineOf(tree, 'settings.yaml', 'team:'));
    expect(sealed.desired?.source.commit).toBe('abc');
    expect(validateSettings(toFiles(tree), { seal: true }).desired?.source.commit).toBeNull();
  });

  it('has no model, account nor desired organization when settings.yaml cannot be read', () => {
    const { 'settings.yaml': _, ...rest } = tree;
    const result = validateSettings(toFiles(rest), { seal: true });
    expect([result.valid, result.model, result.desired, result.accounts]).toEqual([
      false,
      undefined,
      undefined,
      [],
    ]);
  });

  it('sorts the diagnostics of every file', () => {
    const bad = { ...tree, 'accounts/bob.yaml': tree['accounts/bob.yaml']!.replace('Lab', 'Nowhere') };
    const missing = {
      ...bad,
      'settings.yaml': `${tree['settings.yaml']!}serviceControlPolicies:\n  gone:\n    file: infra/policies/gone.json\n`,
    };
    const { diagnostics } = validateSettings(toFiles(missing));
    expect(diagnostics.map((d) => d.file)).toEqual(['accounts/bob.yaml', 'settings.yaml']);
  });
});
