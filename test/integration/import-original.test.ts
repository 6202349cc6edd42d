import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spa } from '../helpers/cli.js';
import { newManagementAccountId, startEmulator, type Emulator } from '../helpers/org.js';
import { repoRoot } from '../helpers/tree.js';
import { cliEnv, seedOrganization, testAws, type Seeded, type TestAws } from '../support/seed.js';
import type { Plan } from '../../engine/src/plan/types.js';

const FIXTURE = join(repoRoot, 'test/fixtures/spa-original');
const managed = (state: string | undefined, holder: string | undefined, tags: Record<string, string>) => ({
  ...(state ? { 'spa-state': state } : {}),
  ...(holder ? { 'spa-holder': holder } : {}),
  'managed-by': 'SPA',
  ...tags,
});

let emulator: Emulator;
let aws: TestAws;
let seeded: Seeded;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator();
  aws = await testAws(emulator.gateway.endpoint, newManagementAccountId());
  // The organization the original SPA has been running: its tags are those it set at on-boarding.
  seeded = await seedOrganization(aws, {
    ous: ['Sandbox', 'Sandbox/Alpha', 'Sandbox/Alpha/Interns', 'Sandbox/Beta', 'Workloads'],
    ouTags: { Sandbox: { owner: 'platform-team' } },
    accounts: [
      {
        name: 'alice-sandbox',
        email: 'alice.sandbox@example.com',
        ou: 'Sandbox/Alpha',
        tags: managed('released', 'alice@example.com', {
          'cost-center': 'Alpha',
          'cost-owner': 'foo.bar@example.com',
        }),
      },
      {
        name: 'carol-sandbox',
        email: 'carol.sandbox@example.com',
        ou: 'Sandbox/Alpha',
        tags: managed('assigned', 'carol@example.com', {
          'cost-center': 'CC-CAROL',
          'cost-owner': 'foo.bar@example.com',
        }),
      },
      {
        name: 'eve-sandbox',
        email: 'eve.sandbox@example.com',
        ou: 'Sandbox/Beta',
        tags: managed('expired', 'eve@example.com', { 'cost-center': 'Beta' }),
      },
      // Moved in after the original's last on-boarding: no state, no holder yet.
      {
        name: 'frank-sandbox',
        email: 'frank.sandbox@example.com',
        ou: 'Sandbox/Beta',
        tags: managed(undefined, undefined, { 'cost-center': 'Beta' }),
      },
      { name: 'intern-1', email: 'intern-1@example.com', ou: 'Sandbox/Alpha/Interns' },
      {
        name: 'bob-sandbox',
        email: 'bob.sandbox@example.com',
        ou: 'Workloads',
        tags: managed('released', 'bob@example.com', {
          'cost-center': 'SB-456',
          'cost-owner': 'bob@example.com',
        }),
      },
      {
        name: 'dave-tools',
        email: 'dave.tools@example.com',
        ou: 'Workloads',
        tags: managed('vanilla', 'dave@example.com', { 'ServiceNow Domain': 'platform' }),
      },
      { name: 'prod-payments', email: 'prod-payments@example.com', ou: 'Workloads', tags: { tier: 'prod' } },
    ],
  });
  env = cliEnv(emulator.gateway.endpoint);
}, 120_000);
afterAll(async () => {
  await emulator?.stop();
});

/** The fixture, with the ids of the seeded organization and a role in its management account. */
function original(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'spa-original-'));
  cpSync(FIXTURE, join(dir, 'spa'), { recursive: true });
  const file = join(dir, 'spa/settings.yaml');
  const text = readFileSync(file, 'utf8')
    .replace('ou-5a1b-k7r2xq9p', seeded.ouIds.get('Sandbox/Alpha')!)
    .replace('ou-5a1b-m3n8vw2c', seeded.ouIds.get('Sandbox/Beta')!)
    .replace('"210987654321"', `"${seeded.accountIds.get('bob.sandbox@example.com')!}"`)
    .replace('arn:aws:iam::222222222222:', `arn:aws:iam::${aws.managementAccountId}:`);
  writeFileSync(file, text);
  const csv = join(dir, 'spa/finops-setup.csv');
  writeFileSync(
    csv,
    readFileSync(csv, 'utf8').replace('210987654321', seeded.accountIds.get('bob.sandbox@example.com')!),
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('spa import --from-spa', () => {
  it('writes the equivalent settings; the first plan shows only what this edition does differently, as the import said', async () => {
    const { dir, cleanup } = original();
    try {
      emulator.gateway.resetCounts();
      const r = await spa(['import', '--from-spa', 'spa/settings.yaml', '--out', 'settings'], {
        cwd: dir,
        env,
      });
      expect(r.stderr).not.toMatch(/^spa: /m);
      expect(r.code).toBe(0);
      for (const op of emulator.gateway.calls.keys()) expect(op).toMatch(/^(List|Describe|Get|AssumeRole)/);
      expect(r.stdout).toMatch(
        /imported spa\/settings.yaml and organization o-\w+ into settings: \d+ files, 5 OUs, 2 account files, 2 CSV file\(s\)/,
      );
      // The webhook URL is a secret: never written, never shown.
      expect(r.stdout + r.stderr).not.toContain('webhook.office.com');
      const said = r.stderr;
      for (const key of [
        'automation.cockpit_markdown_text',
        'automation.tags',
        'automation.verbosity',
        'worker.preparation_buildspec_template_file',
        'features.with_cost_email_recipients',
        'reporting.costs_markdown_template',
      ])
        expect(said).toContain(`  - ${key}: `);
      expect(said).toContain('finops-setup.csv column "Preparation: ALERT_THRESHOLD"');
      expect(said).toMatch(/budgets: the engine creates and keeps the budget of every managed account/);
      expect(said).toContain('Sandbox/Alpha/Interns are written managed: false');
      expect(said).toContain(
        "the original's managed-by tag is not written in the settings, and the first plan replaces it",
      );
      expect(said).toContain('store the URL in AWS Secrets Manager as the secret SpaDemo/teams-alerts');
      expect(said).toMatch(
        /account frank-sandbox \(\d+\): has no spa-state tag: the first plan hands it to the lifecycle/,
      );

      const root = join(dir, 'settings');
      const read = (p: string) => readFileSync(join(root, p), 'utf8');
      const settings = read('settings.yaml');
      for (const line of [
        'environment: SpaDemo\n',
        '  region: eu-west-1\n',
        `  managementAccountId: "${aws.managementAccountId}"\n`,
        '  memberRoleName: AWSControlTowerExecution\n',
        'maintenanceWindow: cron(0 18 ? * SAT *)\n',
        'tagPolicy:\n  prefix: spa-\n',
        'reporting:\n  costCenterTag: cost-center\n  currencies:\n    - EUR\n  exchangeRates:\n    url: https://open.er-api.com/v6/latest/USD\n',
        'notifications:\n  alerts:\n    email:\n      - finops_alerts@example.com\n    emailSender: spa@example.com\n    teamsWebhookSecret: SpaDemo/teams-alerts\n',
        'runtime:\n  account: "123456789012"\n  transactionTimeout: 15m\n',
        'defaults:\n  unsetTags:\n    - CostCenter\n    - account:holder\n  budget:\n    amount: 500\n    thresholds:\n      - 80\n',
      ])
        expect(settings).toContain(line);
      expect(read('organizational-units/Sandbox/Alpha.yaml')).toContain(
        'managed: true\nnote: Alpha Sandboxes\nouTags: {}\ntags:\n  cost-center: Alpha\n  cost-owner: foo.bar@example.com\npreparation:\n  enabled: true\n  variables:\n    WITH_START_STOP_EC2_INSTANCES: enabled\npurge:\n  enabled: true\n  variables:\n    MAXIMUM_AGE: 6M\n',
      );
      expect(read('organizational-units/Sandbox/Alpha/Interns.yaml')).toContain('managed: false\n');
      expect(read('organizational-units/Sandbox.yaml')).toContain(
        'ouTags:\n  owner: platform-team\nnotifications:\n  - alerts\n',
      );
      expect(read('accounts/bob-sandbox.yaml')).toContain(
        'budget:\n  amount: 4000\n  thresholds:\n    - 90\n',
      );
      expect(existsSync(join(root, 'accounts/dave-tools.yaml'))).toBe(true);
      expect(read('tags-csv/finops-setup.csv').split('\n')[0]).toBe(
        'Account,Note,Tag: cost-center,Budget,Purge: MAXIMUM_AGE',
      );
      expect(read('tags-csv/security-setup.csv')).toBe(
        'Account,Tag: ServiceNow Domain\ndave.tools@example.com,platform\n',
      );

      const plan = await spa(['plan', '--dir', 'settings', '--format', 'json'], { cwd: dir, env });
      expect(plan.code).toBe(0);
      const changes = (JSON.parse(plan.stdout) as Plan).changes.map((c) => `${c.action} ${c.address}`).sort();
      // Accounts managed through their OU are named by id, those with a file by name.
      const id = (email: string) => seeded.accountIds.get(email)!;
      expect(changes).toEqual(
        [
          `create-budget budget/${id('alice.sandbox@example.com')}`,
          'create-budget budget/bob-sandbox',
          `create-budget budget/${id('carol.sandbox@example.com')}`,
          'create-budget budget/dave-tools',
          `create-budget budget/${id('eve.sandbox@example.com')}`,
          `create-budget budget/${id('frank.sandbox@example.com')}`,
          `start-lifecycle account/${id('frank.sandbox@example.com')}`,
          `tag-account account/${id('frank.sandbox@example.com')}`,
          // The mark of what this environment manages (managed-by: spa, spa-environment: SpaDemo).
          `tag-account account/${id('alice.sandbox@example.com')}`,
          `tag-account account/${id('carol.sandbox@example.com')}`,
          `tag-account account/${id('eve.sandbox@example.com')}`,
          'tag-account account/bob-sandbox',
          'tag-account account/dave-tools',
          'tag-ou ou/Sandbox',
          'tag-ou ou/Sandbox/Alpha',
          'tag-ou ou/Sandbox/Alpha/Interns',
          'tag-ou ou/Sandbox/Beta',
          'tag-ou ou/Workloads',
        ].sort(),
      );
    } finally {
      cleanup();
    }
  }, 120_000);

  it('answers an original file that does not parse, or names an OU the organization lacks, at its line and column', async () => {
    const { dir, cleanup } = original();
    try {
      const file = join(dir, 'spa/settings.yaml');
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, good.replace('  region: eu-west-1\n', '  region: [eu-west-1\n'));
      const broken = await spa(['import', '--from-spa', 'spa/settings.yaml', '--out', 'settings'], {
        cwd: dir,
        env,
      });
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/spa\/settings.yaml:\d+:\d+ error/);
      expect(broken.stderr).toContain('nothing was written');

      writeFileSync(file, good.replace(seeded.ouIds.get('Sandbox/Beta')!, 'ou-zzzz-99999999'));
      const unknown = await spa(['import', '--from-spa', 'spa/settings.yaml', '--out', 'settings'], {
        cwd: dir,
        env,
      });
      expect(unknown.code).toBe(1);
      const line = good.split('\n').findIndex((l) => l.includes(seeded.ouIds.get('Sandbox/Beta')!)) + 1;
      expect(unknown.stderr).toContain(
        `spa/settings.yaml:${line}:17 error [original-unknown-ou] OU ou-zzzz-99999999 is not in organization o-`,
      );
      expect(existsSync(join(dir, 'settings'))).toBe(false);
    } finally {
      cleanup();
    }
  }, 60_000);
});
