import { describe, expect, it } from 'vitest';
import { spa, writeTree } from '../helpers/cli.js';
import { edit, sampleTree } from '../helpers/tree.js';

describe('spa explain', () => {
  it('shows every effective value of an account with the file and line it comes from', async () => {
    const r = await spa(['explain', 'alice-sandbox']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/));
    const row = (label: string) => rows.find((cells) => cells[0] === label);
    expect(row('organizationalUnit')).toEqual([
      'organizationalUnit',
      'Sandbox/Personal',
      'accounts/alice-sandbox.yaml:9',
    ]);
    expect(row('cost-center')).toEqual(['cost-center', 'CC-TRAINING', 'tags-csv/finops.csv:2']);
    expect(row('environment')).toEqual(['environment', 'sandbox', 'organizational-units/Sandbox.yaml:13']);
    expect(row('managed-by')).toEqual(['managed-by', 'spa', 'reserved: the mark of what SPA manages']);
    expect(row('spa-environment')).toEqual([
      'spa-environment',
      'SpaDemo',
      'reserved: the mark of what SPA manages',
    ]);
    expect(row('amount')).toEqual(['amount', '200 USD', 'organizational-units/Sandbox/Personal.yaml:9']);
    expect(row('CostCenter')).toEqual(['CostCenter', '(removed)', 'settings.yaml:32 (defaults)']);
    expect(row('security')).toEqual([
      'security',
      'Security operations (Incident response) <security@example.com> +1 555 0100',
      'settings.yaml:48 (defaults)',
    ]);
    expect(row('account-state')).toEqual([
      'account-state',
      '(vanilla when missing)',
      'reserved: owned by the lifecycle',
    ]);
  });

  it('shows the alternate contacts of each type from the level that gives them', async () => {
    const r = await spa(['explain', 'data-team-sandbox']);
    const rows = r.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(rows.find((cells) => cells[0] === 'operations')).toEqual([
      'operations',
      'Platform team (Sandbox operations) <platform-team@example.com> +1 555 0101',
      'organizational-units/Sandbox/Teams.yaml:15',
    ]);
  });

  it('finds the account by email (any case) and by id', async () => {
    expect((await spa(['explain', 'ML-Team.Sandbox@example.com'])).stdout).toContain(
      'ml-team-sandbox  ml-team.sandbox@example.com',
    );
    const tree = edit(
      await sampleTree(),
      'accounts/bob-sandbox.yaml',
      'holder:',
      'id: "000000000042"\nholder:',
    );
    const { dir, cleanup } = writeTree(tree);
    try {
      const r = await spa(['explain', '000000000042', '--dir', dir, '--format', 'json']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as {
        name: string;
        settings: { budget: { amount: { value: number; source: { file: string; line: number } } } };
      };
      expect(json.name).toBe('bob-sandbox');
      expect(json.settings.budget.amount).toEqual({
        value: 400,
        source: { file: 'accounts/bob-sandbox.yaml', line: 9 },
      });
    } finally {
      cleanup();
    }
  });

  it('suggests the closest name when the account is unknown', async () => {
    const r = await spa(['explain', 'alice-sandbx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no account file has the name, email or id "alice-sandbx"');
    expect(r.stderr).toContain('did you mean "alice-sandbox"?');
  });

  it('refuses to explain invalid settings and shows the errors', async () => {
    const tree = edit(await sampleTree(), 'accounts/bob-sandbox.yaml', 'amount: 400', 'amount: -1');
    const { dir, cleanup } = writeTree(tree);
    try {
      const r = await spa(['explain', 'alice-sandbox', '--dir', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('accounts/bob-sandbox.yaml:8:11 error [invalid-budget]');
    } finally {
      cleanup();
    }
  });
});
