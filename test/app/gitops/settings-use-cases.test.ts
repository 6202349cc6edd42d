import { describe, expect, it } from 'vitest';
import type { ArtifactStore } from '../../../engine/src/ports/artifacts.js';
import type { SettingsSource } from '../../../engine/src/ports/settings-source.js';
import { compile } from '../../../engine/src/app/gitops/compile.js';
import { planChanges } from '../../../engine/src/app/gitops/plan-changes.js';
import { validate } from '../../../engine/src/app/gitops/validate.js';
import { memoryAws } from '../../helpers/memory-aws.js';
import { memoryOutput } from '../../helpers/memory-output.js';
import { observedOrganization } from '../../helpers/observed.js';
import { expectValid } from '../../helpers/schema.js';
import { minimalTree, toFiles, type Tree } from '../../helpers/tree.js';

const settingsOf = (tree: Tree): SettingsSource => ({
  files: () => Promise.resolve(toFiles(tree)),
  commit: () => 'c0ffee',
});

function memoryArtifacts(): ArtifactStore & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return { files, write: (path, text) => Promise.resolve(void files.set(path, text)) };
}

const tree = minimalTree({
  defaults: { budget: { amount: 100 } },
  ous: { Sandbox: { managed: true } },
  accounts: { alice: { organizationalUnit: 'Sandbox' } },
});
const invalid = { ...tree, 'accounts/alice.yaml': tree['accounts/alice.yaml']!.replace('Sandbox', 'Sandbx') };
const organization = () =>
  memoryAws(observedOrganization({ managementAccountId: '123456789012', ous: ['Sandbox'], accounts: [] }));

describe('validate', () => {
  it('gives every problem as the result, and whether the settings are valid', async () => {
    const out = memoryOutput();
    expect(await validate({ settings: settingsOf(invalid), out }, { format: 'text' })).toEqual({
      valid: false,
    });
    expect(out.results.join('')).toContain('[unknown-ou] organizationalUnit "Sandbx" does not exist');
    expect(await validate({ settings: settingsOf(tree), out: memoryOutput() }, { format: 'json' })).toEqual({
      valid: true,
    });
  });
});

describe('planChanges', () => {
  it('saves the plan and its Markdown chunks as artifacts, and gives the plan as the result', async () => {
    const out = memoryOutput();
    const artifacts = memoryArtifacts();
    const r = await planChanges(
      {
        settings: settingsOf(tree),
        connect: organization,
        clock: { now: () => new Date('2026-11-27T12:00:00Z'), sleep: () => Promise.resolve() },
        out,
        artifacts,
      },
      { format: 'json', out: 'plan.json', chunkDir: 'plan-md' },
    );
    expect(r.outcome).toBe('planned');
    if (r.outcome !== 'planned') return;
    expect(r.plan.git.commit).toBe('c0ffee');
    expect(r.plan.changes.map((c) => c.action)).toContain('create-account');
    expect(JSON.parse(artifacts.files.get('plan.json')!)).toEqual(r.plan);
    expectValid('plan.schema.json', r.plan);
    expect([...artifacts.files.keys()]).toEqual(['plan.json', 'plan-md/plan-001.md']);
    expect(JSON.parse(out.results.join(''))).toEqual(r.plan);
  });

  it('reads nothing from AWS and writes nothing when the settings are invalid, and shows their errors', async () => {
    const out = memoryOutput();
    const artifacts = memoryArtifacts();
    let connected = false;
    const r = await planChanges(
      {
        settings: settingsOf(invalid),
        connect: () => ((connected = true), organization()),
        clock: { now: () => new Date(), sleep: () => Promise.resolve() },
        out,
        artifacts,
      },
      { format: 'github', out: 'plan.json' },
    );
    expect(r).toEqual({ outcome: 'invalid-settings' });
    expect(connected).toBe(false);
    expect(artifacts.files.size).toBe(0);
    expect(out.results.join('')).toContain('::error file=accounts/alice.yaml');
    expect(out.infos.at(-1)).toContain('The settings are invalid: nothing was read from AWS nor changed.');
  });
});

describe('compile', () => {
  it('writes the desired organization as an artifact and says what it holds', async () => {
    const out = memoryOutput();
    const artifacts = memoryArtifacts();
    expect(await compile({ settings: settingsOf(tree), out, artifacts }, { out: 'effective.json' })).toEqual({
      outcome: 'compiled',
    });
    const written = JSON.parse(artifacts.files.get('effective.json')!) as {
      digest: string;
      source: { commit: string };
    };
    expect(written.source.commit).toBe('c0ffee');
    expect(out.infos).toEqual([`wrote effective.json: 1 OUs, 1 accounts, digest ${written.digest}`]);
    expect(out.results).toEqual([]);
  });
});
