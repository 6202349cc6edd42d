import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullYaml, parseYamlFile } from '../../engine/src/config/yaml-file.js';
import { fastValue } from '../../engine/src/config/yaml-fast.js';
import { sampleTree } from '../helpers/tree.js';

/** The fast reading must agree with the full parser on the value and on every position it reports. */
function agree(text: string): boolean {
  if (fastValue(text) === undefined) return false;
  const fast = parseYamlFile('f.yaml', new TextEncoder().encode(text), { lazy: true });
  // (the full parser reads what the fast one leaves, so a text it leaves is never wrong, only slower)
  const full = fullYaml('f.yaml', text);
  expect(full.diagnostics).toEqual([]);
  expect(fast.value).toEqual(full.value);
  expect(Object.fromEntries(fast.positions)).toEqual(Object.fromEntries(full.positions));
  return true;
}

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,12}$/);
const scalar = fc.oneof(
  fc.stringMatching(/^[a-z@.0-9][a-zA-Z0-9@._ -]{0,20}[a-z0-9]$/),
  fc.integer({ min: -1000, max: 100000 }).map(String),
  fc.constantFrom(
    'true',
    'false',
    'null',
    '~',
    '1.5',
    '0123',
    '"quoted: value"',
    "'single # not a comment'",
    '""',
  ),
);
const yamlText: fc.Arbitrary<string> = fc
  .dictionary(
    key,
    fc
      .oneof(
        scalar,
        fc.dictionary(key, scalar, { minKeys: 1, maxKeys: 4 }).map((m) =>
          Object.entries(m)
            .map(([k, v]) => `\n  ${k}: ${v}`)
            .join(''),
        ),
        fc.array(scalar, { minLength: 1, maxLength: 3 }).map((xs) => xs.map((x) => `\n  - ${x}`).join('')),
        fc.array(scalar, { minLength: 0, maxLength: 3 }).map((xs) => ` [${xs.join(', ')}]`),
        fc.constant(''),
      )
      .map((v) => (v.startsWith('\n') || v.startsWith(' [') || v === '' ? v : ` ${v}`)),
    { minKeys: 1, maxKeys: 8 },
  )
  .map(
    (m) =>
      `# a comment\n${Object.entries(m)
        .map(([k, v]) => `${k}:${v}  # note`)
        .join('\n')}\n`,
  );

describe('the fast reading of YAML settings files (values at once, positions when asked)', () => {
  it('agrees with the full parser on every sample file', async () => {
    const tree = await sampleTree();
    const yamlFiles = Object.entries(tree).filter(([p]) => p.endsWith('.yaml'));
    for (const [path, text] of yamlFiles) expect(agree(text), path).toBe(true);
  });

  it('agrees with the full parser on generated files: values, lines and columns', () => {
    fc.assert(
      fc.property(yamlText, (text) => agree(text) || fastValue(text) === undefined),
      { numRuns: 400 },
    );
  });

  it('leaves to the full parser what it does not read the same way: errors, aliases, merge keys, empty files', () => {
    for (const text of [
      'a: 1\na: 2\n',
      'a: [1\n',
      'a: &x [1]\nb: *x\n',
      'a: !custom 1\n',
      '',
      '# only a comment\n',
      'a: 1\n---\nb: 2\n',
      '<<: {a: 1}\n',
    ])
      expect(fastValue(text), JSON.stringify(text)).toBeUndefined();
  });
});
