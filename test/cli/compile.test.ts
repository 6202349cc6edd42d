import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalDigest, canonicalJson } from '../../engine/src/domain/digest.js';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import { spa, writeTree } from '../helpers/cli.js';
import { expectValid } from '../helpers/schema.js';
import { edit, sampleTree } from '../helpers/tree.js';

describe('spa compile', () => {
  it('writes the desired organization as canonical JSON, with the digest of its content inside', async () => {
    const r = await spa(['compile'], { env: { SPA_GIT_COMMIT: 'abc123' } });
    expect(r.code).toBe(0);
    const desired = JSON.parse(r.stdout) as DesiredOrganization;
    expectValid('effective-settings.schema.json', desired);
    expect(r.stdout).toBe(canonicalJson(desired) + '\n');
    const { digest, ...body } = desired;
    expect(digest).toBe(canonicalDigest(body));
    expect(desired.source.commit).toBe('abc123');
    expect(desired.organizationalUnits.map((o) => o.path)).toEqual([
      'Sandbox',
      'Workloads',
      'Sandbox/Personal',
      'Sandbox/Teams',
      'Sandbox/Teams/DataScience',
    ]);
    const alice = desired.accounts.find((a) => a.name === 'alice-sandbox')!;
    expect(alice.settings.tags['cost-center']).toEqual({
      value: 'CC-TRAINING',
      source: { file: 'tags-csv/finops.csv', line: 2 },
    });
    expect(alice.settings.budget?.amount.value).toBe(200);
    // Secrets are named, never held: channels carry the names of their secrets.
    expect(JSON.stringify(desired.settings.notifications)).not.toMatch(/https?:\/\//);
  });

  it('gives the same bytes for the same settings, and another digest when a value changes', async () => {
    const tree = await sampleTree();
    const one = writeTree(tree);
    const two = writeTree(edit(tree, 'accounts/alice-sandbox.yaml', 'Sandbox/Personal', 'Sandbox/Teams'));
    try {
      const env = { SPA_GIT_COMMIT: 'x' };
      const a = await spa(['compile', '--dir', one.dir], { env });
      const b = await spa(['compile', '--dir', one.dir], { env });
      const c = await spa(['compile', '--dir', two.dir], { env });
      expect(a.stdout).toBe(b.stdout);
      const digest = (t: string) => (JSON.parse(t) as DesiredOrganization).digest;
      expect(digest(c.stdout)).not.toBe(digest(a.stdout));
    } finally {
      one.cleanup();
      two.cleanup();
    }
  });

  it('writes --out only when the settings are valid', async () => {
    const good = writeTree(await sampleTree());
    const bad = writeTree(
      edit(await sampleTree(), 'accounts/alice-sandbox.yaml', 'Sandbox/Personal', 'Nowhere'),
    );
    try {
      const ok = await spa(['compile', '--dir', good.dir, '--out', 'out/effective.json'], { cwd: good.dir });
      expect(ok.code).toBe(0);
      expect(ok.stderr).toMatch(/wrote out\/effective.json: 5 OUs, 9 accounts, digest sha256:/);
      expectValid(
        'effective-settings.schema.json',
        JSON.parse(readFileSync(join(good.dir, 'out/effective.json'), 'utf8')),
      );
      const ko = await spa(['compile', '--dir', bad.dir, '--out', 'effective.json'], { cwd: bad.dir });
      expect(ko.code).toBe(1);
      expect(ko.stderr).toContain('unknown-ou');
      expect(existsSync(join(bad.dir, 'effective.json'))).toBe(false);
    } finally {
      good.cleanup();
      bad.cleanup();
    }
  });
});
