import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spa, writeTree } from '../helpers/cli.js';

const writeTreeFile = writeTree.into;
import { newManagementAccountId, startEmulator, type Emulator } from '../helpers/org.js';
import {
  cliEnv,
  createBudgetDirectly,
  seedOrganization,
  testAws,
  type SeedAccount,
  type Seeded,
  type TestAws,
} from '../support/seed.js';
import { AttachPolicyCommand, CreatePolicyCommand } from '@aws-sdk/client-organizations';
import type { Plan } from '../../engine/src/plan/types.js';

const STATES = ['vanilla', 'assigned', 'released', 'expired'];
const PLACES = ['Sandbox/Personal', 'Sandbox/Teams', 'Sandbox/Teams/Data', 'Labs/Experiments'];
const COST_CENTERS = ['CC-100', 'CC-200', 'CC-300', 'CC-400', 'CC-500'];
const SIZE = 300;

/** A few hundred accounts below two roots, every lifecycle state, holders, shared and own tags. */
function accounts(): SeedAccount[] {
  const out: SeedAccount[] = Array.from({ length: SIZE }, (_, i) => ({
    name: `user-${String(i).padStart(3, '0')}`,
    email: `user-${i}@example.com`,
    ou: PLACES[i % PLACES.length]!,
    tags: {
      'account-state': STATES[i % STATES.length]!,
      'account-holder': `holder-${i}@example.com`,
      'cost-center': COST_CENTERS[i % COST_CENTERS.length]!,
      'managed-by': 'spa',
      ...(i % 25 === 0 ? { project: `project ${i}` } : {}),
      ...(i % 60 === 0 ? { ticket: '0042' } : {}),
    },
  }));
  out.push(
    { name: 'left-company', email: 'left@example.com', ou: 'Sandbox/Personal', closed: true },
    {
      name: 'team/shared',
      email: 'team-shared@example.com',
      ou: 'Sandbox/Teams',
      tags: { 'account-state': 'released', 'account-holder': 'team@example.com', owner: 'team' },
    },
    { name: 'prod-api', email: 'prod-api@example.com', ou: 'Workloads', tags: { tier: 'prod' } },
    { name: 'at-root', email: 'at-root@example.com', ou: '' },
  );
  return out;
}

let emulator: Emulator;
let aws: TestAws;
let seeded: Seeded;
let env: Record<string, string>;
const topic = (id: string) => `arn:aws:sns:us-east-1:${id}:SpaBudgetAlerts`;

beforeAll(async () => {
  emulator = await startEmulator();
  const mgmt = newManagementAccountId();
  aws = await testAws(emulator.gateway.endpoint, mgmt);
  seeded = await seedOrganization(aws, {
    ous: [
      'Sandbox',
      'Sandbox/Personal',
      'Sandbox/Teams',
      'Sandbox/Teams/Data',
      'Labs',
      'Labs/Experiments',
      'Workloads',
    ],
    ouTags: {
      Sandbox: { owner: 'platform-team' },
      'Sandbox/Teams/Data': { 'data-class': 'internal' },
      Labs: { lab: 'yes' },
    },
    accounts: accounts(),
  });
  // A budget for every third account, as spa creates them; one of another environment, which is left out.
  const budgeted = [...seeded.accountIds.entries()].filter(([email]) => /^user-\d*[036]@/.test(email));
  for (const [email, id] of budgeted) {
    const i = Number(/user-(\d+)@/.exec(email)![1]);
    await createBudgetDirectly(aws, `Imported-${id}`, id, 100 + i, i % 2 ? [50, 90, 100] : [80, 100], [
      `holder-${i}@example.com`,
      topic(mgmt),
    ]);
  }
  // The environment's own service control policies, attached as spa attaches them (nested OUs inherit).
  const policy = async (name: string, action: string, ous: string[]) => {
    const created = await aws.organizations.send(
      new CreatePolicyCommand({
        Name: `Imported-${name}`,
        Description: `Deny ${action}`,
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }],
        }),
        Tags: [
          { Key: 'managed-by', Value: 'spa' },
          { Key: 'spa-environment', Value: 'Imported' },
        ],
      }),
    );
    for (const ou of ous)
      await aws.organizations.send(
        new AttachPolicyCommand({
          PolicyId: created.Policy!.PolicySummary!.Id!,
          TargetId: seeded.ouIds.get(ou)!,
        }),
      );
  };
  await policy('deny-leave', 'organizations:LeaveOrganization', [
    'Sandbox',
    'Sandbox/Personal',
    'Sandbox/Teams',
    'Sandbox/Teams/Data',
  ]);
  await policy('deny-reservations', 'ec2:PurchaseReservedInstancesOffering', ['Sandbox/Teams']);
  await createBudgetDirectly(aws, `Other-${budgeted[0]![1]}`, budgeted[0]![1], 5, [100], ['x@example.com']);
  env = cliEnv(emulator.gateway.endpoint, { SPA_AWS_READ_CONCURRENCY: '8' });
}, 300_000);
afterAll(async () => {
  await emulator?.stop();
});

function scratch(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'spa-import-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const IMPORT = (mgmt: string) => [
  'import',
  '--ou',
  'Sandbox',
  'Labs/Experiments',
  '--environment',
  'Imported',
  '--management-role-arn',
  `arn:aws:iam::${mgmt}:role/SpaEngine`,
  '--out',
  'settings',
];

describe('spa import --ou', () => {
  it('writes the settings of the organization as it is, and the first plan after it only marks what it manages', async () => {
    const { dir, cleanup } = scratch();
    try {
      emulator.gateway.resetCounts();
      const r = await spa(IMPORT(aws.managementAccountId), { cwd: dir, env });
      expect(r.stderr).not.toMatch(/^spa: /m);
      expect(r.code).toBe(0);
      // Only reads reached AWS.
      const operations = [...emulator.gateway.calls.keys()];
      expect(operations.length).toBeGreaterThan(0);
      for (const op of operations) expect(op).toMatch(/^(List|Describe|Get|AssumeRole)/);
      expect(r.stdout).toMatch(
        /imported organization o-\w+ into settings: \d+ files, 6 OUs, 301 accounts, 90 budgets, 1 shared tag\(s\) in tags-csv\//,
      );
      expect(r.stderr).toMatch(/no file for "team\/shared": its name cannot be a file name/);

      const root = join(dir, 'settings');
      const read = (p: string) => readFileSync(join(root, p), 'utf8');
      expect(read('settings.yaml')).toMatch(
        new RegExp(
          `^# yaml-language-server: \\$schema=./schemas/settings.schema.json\n[^]*environment: Imported\naws:\n  region: us-east-1\n  managementAccountId: "${aws.managementAccountId}"\n  managementRoleArn: arn:aws:iam::${aws.managementAccountId}:role/SpaEngine\nbudgets:\n  alertTopicArn: ${topic(aws.managementAccountId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\nserviceControlPolicies:\n  deny-leave:\n    file: infra/policies/deny-leave.json\n    description: Deny organizations:LeaveOrganization\n  deny-reservations:\n`,
        ),
      );
      expect(read('organizational-units/Sandbox.yaml')).toBe(
        '# yaml-language-server: $schema=../schemas/organizational-unit.schema.json\nmanaged: true\nouTags:\n  owner: platform-team\nserviceControlPolicies:\n  attach:\n    - deny-leave\n',
      );
      expect(read('organizational-units/Labs.yaml')).toBe(
        '# yaml-language-server: $schema=../schemas/organizational-unit.schema.json\nouTags:\n  lab: "yes"\n',
      );
      expect(read('organizational-units/Sandbox.yaml')).toContain(
        'serviceControlPolicies:\n  attach:\n    - deny-leave\n',
      );
      expect(read('organizational-units/Sandbox/Personal.yaml')).not.toContain('serviceControlPolicies');
      expect(read('organizational-units/Sandbox/Teams.yaml')).toContain(
        'serviceControlPolicies:\n  attach:\n    - deny-leave\n    - deny-reservations\n  inherit: false\n',
      );
      expect(read('organizational-units/Sandbox/Teams/Data.yaml')).toContain(
        'serviceControlPolicies:\n  attach:\n    - deny-leave\n  inherit: false\n',
      );
      expect(JSON.parse(read('infra/policies/deny-leave.json'))).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
      });
      expect(read('organizational-units/Labs/Experiments.yaml')).toContain('managed: true\nouTags: {}\n');
      expect(read('organizational-units/Sandbox/Teams/Data.yaml')).toContain(
        'ouTags:\n  data-class: internal\n',
      );
      expect(existsSync(join(root, 'organizational-units/Workloads.yaml'))).toBe(false);
      expect(existsSync(join(root, 'schemas/account.schema.json'))).toBe(true);

      const id0 = seeded.accountIds.get('user-0@example.com')!;
      expect(read('accounts/user-000.yaml')).toBe(
        [
          '# yaml-language-server: $schema=../schemas/account.schema.json',
          'name: user-000',
          'email: user-0@example.com',
          `id: "${id0}"`,
          'organizationalUnit: Sandbox/Personal',
          'holder: holder-0@example.com',
          'tags:',
          '  project: project 0',
          '  ticket: "0042"',
          'budget:',
          '  amount: 100',
          '  thresholds:',
          '    - 80',
          '    - 100',
          '',
        ].join('\n'),
      );
      expect(read('accounts/left-company.yaml')).toContain('closed: true\n');
      const accountFiles = readdirSync(join(root, 'accounts'));
      expect(accountFiles).toHaveLength(SIZE + 1);
      expect(accountFiles).not.toContain('prod-api.yaml');
      const csv = read('tags-csv/imported-tags.csv').split('\n');
      // managed-by is the engine's mark, written by the plan with spa-environment, never by a settings file.
      expect(csv[0]).toBe('Account,Tag: cost-center');
      expect(csv).toContain(`${id0},CC-100`);

      const validate = await spa(['validate', '--dir', 'settings'], { cwd: dir, env });
      expect(validate.stdout + validate.stderr).not.toMatch(/warning|error/);
      expect(validate.code).toBe(0);

      const plan = await spa(['plan', '--dir', 'settings', '--format', 'json', '--detailed-exitcode'], {
        cwd: dir,
        env,
      });
      // The only changes: the mark of what this environment manages, on the accounts and OUs imported.
      const changes = (JSON.parse(plan.stdout) as Plan).changes;
      expect(new Set(changes.map((c) => c.action))).toEqual(new Set(['tag-account', 'tag-ou']));
      for (const c of changes) expect(c.after).toMatchObject({ tags: { 'spa-environment': 'Imported' } });
      for (const c of changes)
        for (const key of Object.keys((c.after as { tags: object }).tags))
          expect(['managed-by', 'spa-environment']).toContain(key);
      expect(changes.find((c) => c.address === 'account/user-000')).toBeDefined();
      expect(changes.find((c) => c.address === 'ou/Sandbox')).toBeDefined();
      expect(plan.code).toBe(2);
    } finally {
      cleanup();
    }
  }, 300_000);

  it('refuses to replace existing settings without --force, replaces them whole with it, and writes nothing on bad input', async () => {
    const { dir, cleanup } = scratch();
    try {
      const mgmt = aws.managementAccountId;
      const args = [...IMPORT(mgmt).filter((a) => a !== 'Labs/Experiments')];
      writeFileSync(join(dir, 'settings.yaml'), 'environment: Mine\n');
      const refused = await spa([...args.slice(0, -2), '--out', '.'], { cwd: dir, env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'spa: ./settings.yaml already exists: spa import does not overwrite settings\n  fix: import into another folder with --out, or pass --force to replace them',
      );
      expect(readFileSync(join(dir, 'settings.yaml'), 'utf8')).toBe('environment: Mine\n');

      writeTreeFile(dir, 'accounts/stale.yaml', 'name: stale\n');
      // In a CI log (no terminal), progress comes as plain lines: every line here, with no interval.
      const forced = await spa([...args.slice(0, -2), '--out', '.', '--force'], {
        cwd: dir,
        env: { ...env, SPA_PROGRESS_INTERVAL_MS: '0' },
      });
      expect(forced.code).toBe(0);
      expect(forced.stderr).toMatch(/^reading the organization: \d+\/\d+ accounts and OUs read \(\d+%\)/m);
      expect(forced.stderr).not.toContain('\r');
      expect(readFileSync(join(dir, 'settings.yaml'), 'utf8')).toContain('environment: Imported\n');
      expect(existsSync(join(dir, 'accounts/stale.yaml'))).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith('.spa-'))).toEqual([]);

      const unknown = await spa(
        [
          'import',
          '--ou',
          'Sandbox/Personel',
          '--environment',
          'Imported',
          '--management-role-arn',
          `arn:aws:iam::${mgmt}:role/SpaEngine`,
          '--out',
          'other',
        ],
        {
          cwd: dir,
          env: { ...env, SPA_AWS_MAX_ATTEMPTS: '1' },
        },
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(
        /spa: --ou "Sandbox\/Personel": organization o-\w+ has no such OU; known: Labs, Labs\/Experiments, Sandbox, Sandbox\/Personal, [^\n]*\n {2}fix: did you mean --ou "Sandbox\/Personal"\?/,
      );
      expect(existsSync(join(dir, 'other'))).toBe(false);

      const noEnvironment = await spa(['import', '--ou', 'Sandbox', '--out', 'other'], { cwd: dir, env });
      expect(noEnvironment.code).toBe(1);
      expect(noEnvironment.stderr).toContain(
        'spa: spa import needs --environment\n  fix: give the environment',
      );
      expect(existsSync(join(dir, 'other'))).toBe(false);
    } finally {
      cleanup();
    }
  }, 120_000);
});
