import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateSettings } from '../../engine/src/desired/validate.js';
import {
  renderDiagnosticsGithub,
  renderDiagnosticsJson,
  renderDiagnosticsText,
} from '../../engine/src/render/diagnostics.js';
import { sampleTree, toFiles, type Tree } from '../helpers/tree.js';

let sample: Tree;
let paths: string[];
beforeAll(async () => {
  sample = await sampleTree();
  paths = Object.keys(sample).sort();
});

const weirdValues: unknown[] = [
  null,
  0,
  -1,
  Number.POSITIVE_INFINITY,
  '',
  'x'.repeat(300),
  [],
  {},
  [1, [2]],
  { a: { b: null } },
  true,
  'aws:x',
  '@@',
  '\u0000',
  'Sandbox/../x',
];

type Mutation =
  | { kind: 'delete-line' | 'duplicate-line'; file: number; line: number }
  | { kind: 'truncate'; file: number; at: number }
  | { kind: 'insert'; file: number; at: number; text: string }
  | { kind: 'retype'; file: number; path: number; value: number }
  | { kind: 'delete-key' | 'duplicate-key'; file: number; path: number }
  | { kind: 'delete-file' | 'copy-file'; file: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const),
    file: fc.nat(),
    line: fc.nat(),
  }),
  fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    file: fc.nat(),
    at: fc.nat(),
    text: fc.oneof(
      fc.string(),
      fc.constantFrom(':', '- ', '"', '&a ', '*a', '\n  ', ',', '\t', '{', '\uFEFF', '\r\n'),
    ),
  }),
  fc.record({ kind: fc.constant('retype' as const), file: fc.nat(), path: fc.nat(), value: fc.nat() }),
  fc.record({
    kind: fc.constantFrom('delete-key' as const, 'duplicate-key' as const),
    file: fc.nat(),
    path: fc.nat(),
  }),
  fc.record({ kind: fc.constantFrom('delete-file' as const, 'copy-file' as const), file: fc.nat() }),
);

/** Every JSON path of a value: the places a structural mutation can hit. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function apply(tree: Tree, m: Mutation): Tree {
  const path = paths[m.file % paths.length]!;
  const text = tree[path];
  if (text === undefined) return tree;
  const lines = text.split('\n');
  switch (m.kind) {
    case 'delete-line':
      lines.splice(m.line % lines.length, 1);
      return { ...tree, [path]: lines.join('\n') };
    case 'duplicate-line': {
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return { ...tree, [path]: lines.join('\n') };
    }
    case 'truncate':
      return { ...tree, [path]: text.slice(0, m.at % (text.length + 1)) };
    case 'insert': {
      const at = m.at % (text.length + 1);
      return { ...tree, [path]: text.slice(0, at) + m.text + text.slice(at) };
    }
    case 'delete-file': {
      const { [path]: _gone, ...rest } = tree;
      return rest;
    }
    case 'copy-file':
      return { ...tree, [path.replace(/(\.\w+)$/, '-copy$1')]: text };
    default: {
      if (!path.endsWith('.yaml')) return tree;
      let value: unknown;
      try {
        value = parse(text);
      } catch {
        return tree;
      }
      const all = pathsOf(value);
      if (all.length === 0) return tree;
      const target = all[m.path % all.length]!;
      const parentPath = target.slice(0, -1);
      const key = target[target.length - 1]!;
      const parent = parentPath.reduce<unknown>(
        (o, k) => (o as Record<string | number, unknown>)[k],
        value,
      ) as Record<string | number, unknown>;
      if (m.kind === 'retype') parent[key] = weirdValues[m.value % weirdValues.length];
      else if (m.kind === 'delete-key') {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else if (Array.isArray(parent)) parent.push(parent[Number(key)]);
      else parent[`${String(key)}x`] = parent[key];
      return { ...tree, [path]: stringify(value) };
    }
  }
}

describe('validation of mutated settings', () => {
  // 400 validations of the whole sample tree: a few seconds alone, far more on a machine busy with other work.
  // The number of runs is what makes the property worth having, so the test gets room rather than fewer runs.
  it('always ends with diagnostics and never throws', { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const tree = mutations.reduce(apply, sample);
        const result = validateSettings(toFiles(tree));
        expect(result.valid).toBe(!result.diagnostics.some((d) => d.severity === 'error'));
        for (const d of result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.code).toMatch(/^[a-z0-9-]+$/);
          expect(d.summary.length).toBeGreaterThan(0);
          expect(d.hint.length).toBeGreaterThan(0);
          expect(d.file === 'settings.yaml' || d.file in tree).toBe(true);
        }
        const report = { diagnostics: result.diagnostics, fileCount: result.fileCount, lines: result.lines };
        expect(renderDiagnosticsText(report)).toContain(result.valid ? 'valid' : 'error');
        expect(JSON.parse(renderDiagnosticsJson(report))).toMatchObject({ valid: result.valid });
        expect(renderDiagnosticsGithub(report).split('\n').length).toBeGreaterThanOrEqual(
          result.diagnostics.length,
        );
      }),
      { numRuns: 400, seed: 20261127 },
    );
  });

  it('finds the problem when a required key is deleted from every account', () => {
    let tree = sample;
    for (const path of paths.filter((p) => p.startsWith('accounts/')))
      tree = { ...tree, [path]: tree[path]!.replace(/^email: .*$/m, '') };
    const result = validateSettings(toFiles(tree));
    expect(result.diagnostics.filter((d) => d.code === 'missing-key').length).toBe(
      paths.filter((p) => p.startsWith('accounts/')).length,
    );
  });
});
