import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalTextOf,
  compileDesired,
  compileOrganization,
  fileDigests,
  sealDesired,
  settingsDigestOf,
} from '../../engine/src/desired/compile.js';
import { canonicalDigest, canonicalJson } from '../../engine/src/domain/digest.js';
import { modelOf } from '../helpers/observed.js';
import { lineOf, minimalTree, toFiles } from '../helpers/tree.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the digests of the settings files', () => {
  it('are each path with the digest of its bytes, by path', () => {
    const files = toFiles({ 'settings.yaml': 'b', 'accounts/z.yaml': 'z', 'accounts/a.yaml': 'a' });
    const digests = fileDigests(files);
    expect(Object.entries(digests)).toEqual([
      ['accounts/a.yaml', sha('a')],
      ['accounts/z.yaml', sha('z')],
      ['settings.yaml', sha('b')],
    ]);
    expect(Object.keys(fileDigests([...files].reverse()))).toEqual(Object.keys(digests));
  });

  it('make one digest over each path and digest, a NUL between them, a line each', () => {
    const digests = { 'a.yaml': 'da', 'b.yaml': 'db' };
    expect(settingsDigestOf(digests)).toBe(`sha256:${sha('a.yaml\u0000da\nb.yaml\u0000db')}`);
    expect(settingsDigestOf({})).toBe(`sha256:${sha('')}`);
  });
});

const tree = minimalTree({
  settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' },
  defaults: { organizationalUnit: 'Sandbox/Lab', tags: { team: 'd' } },
  ous: {
    Workloads: {},
    Sandbox: { managed: true, ouTags: { unit: 'sandbox', env: 'dev' } },
    'Sandbox/Lab': { maintenanceWindow: 'cron(0 6 ? * MON *)' },
    Apps: { managed: false },
  },
  accounts: {
    alice: { email: 'Alice@Example.com', id: '000000000042' },
    bob: { organizationalUnit: 'Workloads' },
  },
  csv: { 'a.csv': 'Account,Tag: owner\nbob@example.com,bob\ncarol@example.com,carol\n' },
});
const SANDBOX = 'organizational-units/Sandbox.yaml';

describe('the compiled organization', () => {
  const body = compileOrganization(modelOf(tree));

  it('lists the OUs outer to inner, then by path, each with its name and parent', () => {
    expect(body.organizationalUnits.map((o) => [o.path, o.name, o.parentPath, o.managed])).toEqual([
      ['Apps', 'Apps', '', false],
      ['Sandbox', 'Sandbox', '', true],
      ['Workloads', 'Workloads', '', false],
      ['Sandbox/Lab', 'Lab', 'Sandbox', true],
    ]);
    expect(body.organizationalUnits[3]!.file).toBe('organizational-units/Sandbox/Lab.yaml');
  });

  it('gives each OU tag the line that wrote it', () => {
    expect(body.organizationalUnits[1]!.ouTags).toEqual({
      unit: { value: 'sandbox', source: { file: SANDBOX, line: lineOf(tree, SANDBOX, 'unit:') } },
      env: { value: 'dev', source: { file: SANDBOX, line: lineOf(tree, SANDBOX, 'env:') } },
    });
    expect(body.organizationalUnits[0]!.ouTags).toEqual({});
  });

  it("gives an account its lowercase email, its id, its CSV rows and the defaults' OU when it names none", () => {
    const [alice, bob] = body.accounts;
    expect([alice!.name, alice!.email, alice!.id, alice!.csv]).toEqual([
      'alice',
      'alice@example.com',
      '000000000042',
      undefined,
    ]);
    expect(alice!.settings.organizationalUnit?.value).toBe('Sandbox/Lab');
    expect(alice!.settings.maintenanceWindow?.value).toBe('cron(0 6 ? * MON *)');
    expect('id' in bob!).toBe(false);
    expect(bob!.csv?.cells['tag:owner']?.value).toBe('bob');
    expect(bob!.settings.tags.owner?.value).toBe('bob');
    expect(bob!.settings.maintenanceWindow?.value).toBe('cron(0 18 ? * SAT *)');
  });

  it('keeps the CSV rows that name no account file apart', () => {
    expect(body.csvRows.map((r) => [r.account, r.kind, Object.keys(r.cells)])).toEqual([
      ['carol@example.com', 'email', ['tag:owner']],
    ]);
  });

  it("holds settings.yaml's defaults as a level of its part, and its window", () => {
    expect(body.settings.defaults?.kind).toBe('defaults');
    expect(body.settings.defaults?.fallback.part).toBe('defaults');
    expect(body.settings.defaults?.fields.tags).toEqual({ team: 'd' });
    expect(body.settings.maintenanceWindow).toEqual({
      value: 'cron(0 18 ? * SAT *)',
      source: { file: 'settings.yaml', line: lineOf(tree, 'settings.yaml', 'maintenanceWindow') },
    });
    expect([body.version, body.kind, body.environment]).toEqual([1, 'spa-effective-settings', 'SpaTest']);
  });

  it('without provenance, gives every line as 0', () => {
    const bare = compileOrganization(modelOf(tree), { provenance: false });
    expect(bare.organizationalUnits[1]!.ouTags.unit?.source).toEqual({ file: SANDBOX, line: 0 });
    expect(bare.settings.defaults?.sources).toEqual({});
    expect(bare.accounts[0]!.level.sources).toEqual({});
    expect(bare.settings.maintenanceWindow?.source.line).toBe(0);
    expect(bare.accounts[0]!.settings.tags.team?.source).toEqual({
      file: 'settings.yaml',
      line: 0,
      part: 'defaults',
    });
  });

  it('has no defaults level nor window when settings.yaml gives none', () => {
    const plain = compileOrganization(
      modelOf(minimalTree({ ous: { Lab: {} }, accounts: { alice: { organizationalUnit: 'Lab' } } })),
    );
    expect('defaults' in plain.settings).toBe(false);
    expect('maintenanceWindow' in plain.settings).toBe(false);
    expect('maintenanceWindow' in plain.accounts[0]!.settings).toBe(false);
  });
});

describe('a sealed desired organization', () => {
  const files = toFiles(tree);
  const sealed = compileDesired(modelOf(tree), { commit: 'c0ffee', files });

  it('names its commit and files, and its digest is the digest of the rest', () => {
    const digests = fileDigests(files);
    expect(sealed.source).toEqual({
      commit: 'c0ffee',
      settingsDigest: settingsDigestOf(digests),
      files: digests,
    });
    const { digest, ...rest } = sealed;
    expect(digest).toBe(canonicalDigest(rest));
  });

  it('gives its canonical JSON, the same as computed anew', () => {
    expect(canonicalTextOf(sealed)).toBe(canonicalJson(sealed));
    const copy = structuredClone(sealed);
    expect(canonicalTextOf(copy)).toBe(canonicalJson(sealed));
    const other = sealDesired(compileOrganization(modelOf(tree)), { commit: null, files: [] });
    expect(other.source).toEqual({ commit: null, settingsDigest: settingsDigestOf({}), files: {} });
    expect(canonicalTextOf(other)).toBe(canonicalJson(other));
  });
});
