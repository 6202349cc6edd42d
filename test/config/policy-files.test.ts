import { describe, expect, it } from 'vitest';
import { readSettingsTree } from '../../engine/src/adapters/fs/settings-reader.js';
import { namedPolicyFiles } from '../../engine/src/config/policy-files.js';
import { validateSettings } from '../../engine/src/desired/validate.js';
import { writeTree } from '../helpers/cli.js';
import { minimalTree, toFiles } from '../helpers/tree.js';

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';
const settings = (files: Record<string, string>) => ({
  serviceControlPolicies: Object.fromEntries(Object.entries(files).map(([name, file]) => [name, { file }])),
});

describe('policy documents are settings', () => {
  it('reads only the documents settings.yaml names, from infra/policies/ only', async () => {
    const tree = minimalTree({
      settings: settings({
        a: 'infra/policies/a.json',
        gone: 'infra/policies/gone.json',
        out: '../outside.json',
      }),
      files: { 'infra/policies/a.json': DOC, 'infra/policies/unnamed.json': DOC, 'infra/iam/x.json': DOC },
    });
    const { dir, cleanup } = writeTree(tree);
    try {
      const paths = (await readSettingsTree(dir)).map((f) => f.path);
      expect(paths.filter((p) => p.startsWith('infra/'))).toEqual(['infra/policies/a.json']);
    } finally {
      cleanup();
    }
    expect(namedPolicyFiles(Buffer.from('serviceControlPolicies: [unclosed'))).toEqual([]);
    expect(namedPolicyFiles(undefined)).toEqual([]);
  });

  it('puts the digest of each document in the settings digest, so that a plan of another document is refused', () => {
    const tree = minimalTree({
      settings: settings({ a: 'infra/policies/a.json' }),
      files: { 'infra/policies/a.json': DOC },
    });
    const before = validateSettings(toFiles(tree), { seal: true }).desired!;
    const after = validateSettings(
      toFiles({ ...tree, 'infra/policies/a.json': DOC.replace('"*","Resource"', '"s3:*","Resource"') }),
      { seal: true },
    ).desired!;
    expect(Object.keys(before.source.files)).toContain('infra/policies/a.json');
    expect(after.source.settingsDigest).not.toBe(before.source.settingsDigest);
    expect(after.settings.serviceControlPolicies.a!.content).toContain('s3:*');
    // Whitespace aside, the document is what AWS stores.
    const pretty = validateSettings(
      toFiles({ ...tree, 'infra/policies/a.json': JSON.stringify(JSON.parse(DOC), null, 4) }),
      { seal: true },
    ).desired!;
    expect(pretty.settings.serviceControlPolicies.a!.content).toBe(DOC);
  });
});
