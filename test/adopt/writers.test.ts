import { describe, expect, it } from 'vitest';
import { importOrganization } from '../../engine/src/adopt/organization-model.js';
import { renderNotes } from '../../engine/src/adopt/notes.js';
import { repositoryFiles, yamlFile } from '../../engine/src/adopt/repository.js';
import { sharedTags } from '../../engine/src/adopt/shared-tags.js';
import { validateSettings } from '../../engine/src/desired/validate.js';
import type { ObservedAccount, ObservedOrganization } from '../../engine/src/observed/types.js';

const account = (
  id: string,
  name: string,
  ouPath: string,
  tags: Record<string, string>,
): ObservedAccount => ({
  id,
  name,
  email: `${name}@example.com`,
  status: 'ACTIVE',
  parentId: 'ou-x',
  ouPath,
  tags,
});

function organization(accounts: ObservedAccount[]): ObservedOrganization {
  return {
    organizationId: 'o-example',
    managementAccountId: '000000000001',
    rootId: 'r-1',
    ous: new Map([
      [
        'Sandbox',
        { id: 'ou-1', name: 'Sandbox', path: 'Sandbox', parentId: 'r-1', tags: { owner: 'platform' } },
      ],
      [
        'Sandbox/Personal',
        { id: 'ou-2', name: 'Personal', path: 'Sandbox/Personal', parentId: 'ou-1', tags: {} },
      ],
      ['Workloads', { id: 'ou-3', name: 'Workloads', path: 'Workloads', parentId: 'r-1' }],
    ]),
    accounts,
    creationsInProgress: [],
  };
}

describe('the YAML writer', () => {
  it('starts with the schema line and quotes what a YAML reader would not read back as the same string', () => {
    expect(
      yamlFile('accounts/a.yaml', 'account', { id: '012345678901', ticket: '0042', flag: 'yes', on: 'on' }),
    ).toBe(
      '# yaml-language-server: $schema=../schemas/account.schema.json\nid: "012345678901"\nticket: "0042"\nflag: "yes"\n"on": "on"\n',
    );
    expect(yamlFile('organizational-units/A/B.yaml', 'ou', { managed: true }, 'Imported.')).toBe(
      '# yaml-language-server: $schema=../../schemas/organizational-unit.schema.json\n#\n# Imported.\nmanaged: true\n',
    );
  });
});

describe('the shared tags', () => {
  it('moves a tag many accounts repeat to one CSV file, and keeps a rare tag in its file', () => {
    const accounts = Array.from({ length: 20 }, (_, i) => ({
      id: String(i).padStart(12, '0'),
      tags: { 'cost-center': `CC-${i % 3}`, ...(i === 4 ? { project: 'apollo' } : {}) },
    }));
    const shared = sharedTags(accounts);
    expect(shared.keys).toEqual(['cost-center']);
    expect(shared.csv!.split('\n').slice(0, 3)).toEqual([
      'Account,Tag: cost-center',
      '000000000000,CC-0',
      '000000000001,CC-1',
    ]);
  });

  it('writes no CSV when repeating the tags is shorter', () => {
    expect(sharedTags([{ id: '000000000001', tags: { a: 'b' } }])).toEqual({ keys: [], csv: undefined });
  });

  it('quotes a cell that holds a comma or a quote', () => {
    const accounts = Array.from({ length: 30 }, (_, i) => ({
      id: String(i).padStart(12, '0'),
      tags: { team: i ? 'platform' : 'a "b", c' },
    }));
    expect(sharedTags(accounts).csv).toContain('000000000000,"a ""b"", c"\n');
  });
});

describe('the repository of an organization', () => {
  it('writes settings, the OU files on and below the roots, one file per account, and passes spa validate', () => {
    const imported = importOrganization({
      environment: 'Spa',
      region: 'eu-west-1',
      tagPrefix: 'account-',
      roots: ['Sandbox/Personal'],
      observed: organization([
        account('012345678901', 'alice', 'Sandbox/Personal', {
          'account-state': 'released',
          'account-holder': 'alice@example.com',
          team: 'blue',
        }),
        account('111111111111', 'bob', 'Sandbox/Personal', {}),
        account('222222222222', 'prod', 'Workloads', { tier: 'prod' }),
      ]),
      budgets: new Map([
        [
          'Spa-012345678901',
          {
            name: 'Spa-012345678901',
            amount: 150,
            currency: 'USD',
            notifications: [{ threshold: 90, subscribers: ['alice@example.com'] }],
          },
        ],
      ]),
    });
    const files = repositoryFiles(imported.model);
    expect(files.map((f) => f.path)).toEqual([
      'settings.yaml',
      'organizational-units/Sandbox.yaml',
      'organizational-units/Sandbox/Personal.yaml',
      'accounts/alice.yaml',
      'accounts/bob.yaml',
    ]);
    const text = (path: string) => files.find((f) => f.path === path)!.text;
    expect(text('organizational-units/Sandbox.yaml')).not.toContain('managed');
    expect(text('organizational-units/Sandbox/Personal.yaml')).toContain('managed: true\n');
    expect(text('accounts/alice.yaml')).toContain(
      'id: "012345678901"\norganizationalUnit: Sandbox/Personal\nholder: alice@example.com\ntags:\n  team: blue\nbudget:\n  amount: 150\n  thresholds:\n    - 90\n',
    );
    const validation = validateSettings(
      files.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) })),
      { checkOnly: true },
    );
    expect(validation.diagnostics).toEqual([]);
    expect(renderNotes(imported.notes)).toBe(
      [
        'The first spa plan will still change:',
        '  - account bob (111111111111): has no account-state tag: the first plan hands it to the lifecycle (account-state = vanilla)',
        '  - account bob (111111111111): has no account-holder tag: the first plan sets it to the account email',
      ].join('\n'),
    );
  });
});
