import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS } from '../engine/src/config/resolve-settings.js';
import { validatorFor } from '../engine/src/config/schema-validator.js';
import { DEFAULT_CURRENCY, DEFAULT_THRESHOLDS } from '../engine/src/desired/merge.js';
import { readRepoFile, repoRoot, sampleTree } from './helpers/tree.js';

const schemaFiles = readdirSync(join(repoRoot, 'schemas')).filter((f) => f.endsWith('.schema.json'));
const schema = (name: string) => JSON.parse(readRepoFile(`schemas/${name}`)) as unknown;
/** The value at a dotted path of a schema, such as properties.aws.properties.memberRoleName.default. */
const at = (node: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], node);

describe('schemas/', () => {
  it.each(schemaFiles)('%s compiles in strict mode', (file) => {
    expect(() => validatorFor(file)).not.toThrow();
  });

  it('gives the defaults that the engine applies', () => {
    const settings = schema('settings.schema.json');
    const common = schema('common.schema.json');
    expect(at(settings, 'properties.aws.properties.memberRoleName.default')).toBe(
      SETTINGS_DEFAULTS.memberRoleName,
    );
    expect(at(settings, 'properties.tagPolicy.properties.prefix.default')).toBe(SETTINGS_DEFAULTS.tagPrefix);
    expect(at(settings, 'properties.tagPolicy.properties.mode.default')).toBe(SETTINGS_DEFAULTS.tagMode);
    expect(at(settings, 'properties.tagPolicy.properties.largePlanShare.default')).toBe(
      SETTINGS_DEFAULTS.largePlanShare,
    );
    expect(at(settings, 'properties.reporting.properties.costCenterTag.default')).toBe(
      SETTINGS_DEFAULTS.costCenterTag,
    );
    for (const key of ['maxConcurrentBuilds', 'transactionTimeout', 'timezone'] as const)
      expect(at(settings, `properties.runtime.properties.${key}.default`)).toBe(SETTINGS_DEFAULTS[key]);
    expect(at(common, '$defs.budget.properties.currency.default')).toBe(DEFAULT_CURRENCY);
    expect(at(common, '$defs.budget.properties.thresholds.default')).toEqual(DEFAULT_THRESHOLDS);
  });

  it('are in sync with the generated types, the embedded copy and the settings reference', () => {
    // Throws (exit 1) when a generated file drifts from schemas/.
    expect(() =>
      execFileSync(process.execPath, ['engine/scripts/generate.mjs', '--check'], {
        cwd: repoRoot,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});

describe('the sample settings', () => {
  it('start each YAML file with a schema comment that resolves to a schema', async () => {
    const tree = await sampleTree();
    const yamlFiles = Object.keys(tree).filter((p) => p.endsWith('.yaml'));
    expect(yamlFiles.length).toBeGreaterThanOrEqual(1 + 3 + 8);
    for (const path of yamlFiles) {
      const first = tree[path]!.split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
      expect(match, path).not.toBeNull();
      expect(existsSync(join(repoRoot, dirname(path), match![1]!)), `${path} -> ${match![1]}`).toBe(true);
    }
  });

  it('have at least 3 OUs with nesting, 8 accounts and a FinOps CSV', async () => {
    const paths = Object.keys(await sampleTree());
    expect(paths.filter((p) => p.startsWith('organizational-units/')).length).toBeGreaterThanOrEqual(3);
    expect(paths.some((p) => /^organizational-units\/[^/]+\/[^/]+\.yaml$/.test(p))).toBe(true);
    expect(paths.filter((p) => p.startsWith('accounts/')).length).toBeGreaterThanOrEqual(8);
    expect(paths).toContain('tags-csv/finops.csv');
  });
});

describe('the troubleshooting section of the engine guide', () => {
  it('explains every diagnostic code the engine can report', () => {
    const sources = [
      // Diagnostics come from the configuration layers (plan findings and apply refusals have their own lists).
      ...['config', 'desired'].flatMap((folder) =>
        readdirSync(join(repoRoot, 'engine/src', folder), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.ts'))
          .map((f) => readFileSync(join(repoRoot, 'engine/src', folder, f), 'utf8')),
      ),
      ...schemaFiles.map((f) => readRepoFile(`schemas/${f}`)),
    ].join('\n');
    const codes = new Set<string>();
    for (const m of sources.matchAll(/code: '([a-z0-9-]+)'/g)) codes.add(m[1]!);
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'x-code')
            for (const c of typeof value === 'string' ? [value] : Object.values(value as object))
              codes.add(c as string);
          else walk(value);
        }
      }
    };
    schemaFiles.forEach((f) => walk(schema(f)));
    for (const c of [
      'unknown-key',
      'missing-key',
      'wrong-type',
      'invalid-value',
      'too-short',
      'too-long',
      'out-of-range',
      'duplicate-item',
      'too-many',
      'too-few',
    ])
      codes.add(c);
    const readme = readRepoFile('engine/README.md');
    const troubleshooting = readme.slice(readme.indexOf('## Troubleshooting'));
    const missing = [...codes].filter((c) => !troubleshooting.includes(`\`${c}\``)).sort();
    expect(missing).toEqual([]);
  });
});
