import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tree.js';
import type { ActionYml } from '../helpers/workflow-step.js';

/**
 * The workflows that plan and apply install the production packages only (`npm ci --omit=dev`) and build the
 * engine: what `npm ci --omit=dev` installs is what package-lock.json does not mark `dev`.
 */

const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const installed = (name: string) => {
  const entry = lock.packages[`node_modules/${name}`];
  return entry !== undefined && entry.dev !== true;
};

/** The packages a source file imports, at run time (`runtime`) or for its types only. */
function importsOf(text: string): { runtime: string[]; types: string[] } {
  const runtime: string[] = [];
  const types: string[] = [];
  const name = (spec: string) =>
    (spec.startsWith('@') ? spec.split('/').slice(0, 2) : spec.split('/').slice(0, 1)).join('/');
  const bare = (spec: string) =>
    !spec.startsWith('.') && !spec.startsWith('node:') && !builtinModules.includes(spec);
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+'([^']+)'/gm))
    if (bare(m[3]!)) (m[2] ? types : runtime).push(name(m[3]!));
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'|\bimport\('([^']+)'\)/gm)) {
    const spec = m[1] ?? m[2]!;
    if (bare(spec)) runtime.push(name(spec));
  }
  return { runtime, types };
}

function engineImports(): { runtime: Set<string>; types: Set<string> } {
  const runtime = new Set<string>();
  const types = new Set<string>();
  const files = readdirSync(join(repoRoot, 'engine/src'), { recursive: true, encoding: 'utf8' });
  for (const file of files.filter((f) => f.endsWith('.ts'))) {
    const found = importsOf(readFileSync(join(repoRoot, 'engine/src', file), 'utf8'));
    for (const p of found.runtime) runtime.add(p);
    for (const p of found.types) types.add(p);
  }
  return { runtime, types };
}

describe('the install of the plan and apply workflows', () => {
  const { runtime, types } = engineImports();

  it('has every package the engine imports at run time, each a production dependency', () => {
    expect(runtime.size).toBeGreaterThan(20);
    expect([...runtime].filter((p) => pkg.dependencies[p] === undefined)).toEqual([]);
    expect([...runtime].filter((p) => !installed(p))).toEqual([]);
  });

  it('builds the engine: the compiler and every type package the engine reads are installed', () => {
    const build = [
      'typescript',
      '@types/node',
      ...[...types].map((p) => (installed(`@types/${p}`) ? `@types/${p}` : p)),
    ];
    expect(build.filter((p) => !installed(p))).toEqual([]);
  });

  it('leaves out the CDK app and the development tools', () => {
    for (const p of [
      'aws-cdk-lib',
      'constructs',
      'aws-cdk',
      'cdk-nag',
      'vitest',
      'eslint',
      '@stryker-mutator/core',
    ])
      expect(installed(p), p).toBe(false);
  });

  it('is what spa-setup runs, with the npm cache, before it builds', () => {
    const setup = parse(
      readFileSync(join(repoRoot, '.github/actions/spa-setup/action.yml'), 'utf8'),
    ) as ActionYml;
    const node = setup.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with).toMatchObject({ cache: 'npm' });
    const run = setup.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toMatch(/^\s*npm ci --omit=dev --ignore-scripts\b/m);
    expect(run).toMatch(/^\s*npm run build$/m);
  });
});
