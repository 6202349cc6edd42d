import { beforeAll, describe, expect, it } from 'vitest';
import { validateSettings } from '../../engine/src/desired/validate.js';
import type { Diagnostic } from '../../engine/src/domain/diagnostic.js';
import { describeDiagnostics, edit, lineOf, sampleTree, toFiles, type Tree } from '../helpers/tree.js';

let sample: Tree;
beforeAll(async () => {
  sample = await sampleTree();
});

const ALICE = 'accounts/alice-sandbox.yaml';
const BOB = 'accounts/bob-sandbox.yaml';
const PERSONAL = 'organizational-units/Sandbox/Personal.yaml';
const TEAMS = 'organizational-units/Sandbox/Teams.yaml';
const SANDBOX = 'organizational-units/Sandbox.yaml';
const ROOT_SCP = 'infra/policies/deny-root-user.json';
const manyActions = Array.from({ length: 400 }, (_, i) => `"ec2:Action${i}"`).join(', ');
const SETTINGS = 'settings.yaml';
const FINOPS = 'tags-csv/finops.csv';

interface Case {
  code: string;
  severity?: 'error' | 'warning';
  mutate: (t: Tree) => Tree;
  file: string;
  /** The expected line, or a text whose first line is expected (looked up in the mutated tree). */
  line: number | string;
  column?: number;
  /** Something the summary must say. */
  says?: string | RegExp;
}

const add = (path: string, text: string) => (t: Tree) => ({ ...t, [path]: text });
const header = '# yaml-language-server: $schema=../schemas/account.schema.json\n';
const account = (name: string, rest = '') =>
  `${header}name: ${name}\nemail: ${name}@example.com\norganizationalUnit: Sandbox/Personal\n${rest}`;

const cases: Case[] = [
  {
    code: 'yaml-syntax',
    mutate: (t) => edit(t, ALICE, 'tags:\n  project', 'tags:\n project: [unclosed\n  project'),
    file: ALICE,
    line: 'project: [unclosed',
  },
  {
    code: 'yaml-duplicate-key',
    mutate: (t) => edit(t, ALICE, 'holder:', 'email: again@example.com\nholder:'),
    file: ALICE,
    line: 'email: again@example.com',
  },
  {
    code: 'empty-file',
    mutate: add('accounts/empty.yaml', '# only a comment\n'),
    file: 'accounts/empty.yaml',
    line: 1,
  },
  {
    code: 'yaml-alias-limit',
    mutate: add(
      'accounts/bomb.yaml',
      `${header}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    ),
    file: 'accounts/bomb.yaml',
    line: 3,
  },
  {
    code: 'unknown-key',
    mutate: (t) => edit(t, ALICE, 'holder:', 'holdr:'),
    file: ALICE,
    line: 'holdr:',
    column: 1,
    says: 'did you mean "holder"',
  },
  {
    code: 'unknown-key',
    mutate: (t) => edit(t, ALICE, 'tags:\n  project', 'budget:\n  amout: 5\ntags:\n  project'),
    file: ALICE,
    line: 'amout',
    column: 3,
    says: 'did you mean "amount"',
  },
  {
    code: 'wrong-type',
    mutate: (t) => edit(t, ALICE, 'project: serverless-training', 'project: 4200'),
    file: ALICE,
    line: 'project: 4200',
    says: 'must be a string',
  },
  {
    code: 'wrong-type',
    mutate: (t) => edit(t, PERSONAL, 'costCenter: CC-SANDBOX', 'costCenter: [CC-SANDBOX]'),
    file: PERSONAL,
    line: 'costCenter',
  },
  {
    code: 'missing-key',
    mutate: (t) => edit(t, BOB, /^email: .*\n/m, ''),
    file: BOB,
    line: 'name:',
    says: '"email"',
  },
  {
    code: 'name-mismatch',
    mutate: (t) => edit(t, BOB, 'name: bob-sandbox', 'name: bobby-sandbox'),
    file: BOB,
    line: 'name: bobby',
    column: 7,
  },
  {
    code: 'duplicate-name',
    mutate: add('accounts/team/alice-sandbox.yaml', account('alice-sandbox')),
    file: 'accounts/team/alice-sandbox.yaml',
    line: 2,
  },
  {
    code: 'duplicate-email',
    mutate: (t) => edit(t, BOB, 'bob.sandbox@example.com', 'ALICE.sandbox@example.com'),
    file: BOB,
    line: 'email:',
    says: 'accounts/alice-sandbox.yaml',
  },
  {
    code: 'duplicate-id',
    mutate: (t) =>
      edit(
        edit(t, BOB, 'holder:', 'id: "210987654321"\nholder:'),
        ALICE,
        'holder:',
        'id: "210987654321"\nholder:',
      ),
    file: BOB,
    line: 'id:',
  },
  {
    code: 'unknown-ou',
    mutate: (t) => edit(t, ALICE, 'Sandbox/Personal', 'Sandbox/Personel'),
    file: ALICE,
    line: 'organizationalUnit',
    column: 21,
    says: 'did you mean "Sandbox/Personal"',
  },
  {
    code: 'unknown-ou',
    mutate: (t) =>
      edit(t, SETTINGS, 'organizationalUnit: Sandbox/Personal', 'organizationalUnit: Sandbox/Nowhere'),
    file: SETTINGS,
    line: 'organizationalUnit: Sandbox/Nowhere',
  },
  {
    code: 'missing-parent-ou',
    mutate: add(
      'organizational-units/Labs/Robotics.yaml',
      '# yaml-language-server: $schema=../../schemas/organizational-unit.schema.json\nmanaged: true\n',
    ),
    file: 'organizational-units/Labs/Robotics.yaml',
    line: 1,
    says: '"Labs"',
  },
  {
    code: 'missing-ou',
    mutate: (t) => edit(t, SETTINGS, / {2}organizationalUnit: Sandbox\/Personal\n/, ''),
    file: 'accounts/carol-sandbox.yaml',
    line: 1,
  },
  {
    code: 'invalid-email',
    mutate: (t) => edit(t, ALICE, 'alice@example.com', 'alice-at-example'),
    file: ALICE,
    line: 'holder:',
    column: 9,
  },
  {
    code: 'invalid-account-id',
    mutate: (t) => edit(t, ALICE, 'holder:', 'id: "12345"\nholder:'),
    file: ALICE,
    line: 'id: "12345"',
  },
  {
    code: 'invalid-account-id',
    mutate: (t) => edit(t, ALICE, 'holder:', 'id: 123456789012\nholder:'),
    file: ALICE,
    line: 'id: 123456789012',
    says: 'must be a string',
  },
  {
    code: 'invalid-budget',
    mutate: (t) => edit(t, BOB, 'amount: 400', 'amount: 0'),
    file: BOB,
    line: 'amount: 0',
    column: 11,
  },
  {
    code: 'invalid-budget',
    mutate: (t) => edit(t, BOB, 'amount: 400', 'amount: -5'),
    file: BOB,
    line: 'amount: -5',
  },
  {
    code: 'invalid-threshold',
    mutate: (t) => edit(t, 'accounts/ml-team-sandbox.yaml', '[25, 50, 75, 100]', '[25, 50, 1500]'),
    file: 'accounts/ml-team-sandbox.yaml',
    line: 'thresholds',
    column: 24,
  },
  {
    code: 'invalid-threshold',
    mutate: (t) => edit(t, 'accounts/ml-team-sandbox.yaml', '[25, 50, 75, 100]', '[0.5]'),
    file: 'accounts/ml-team-sandbox.yaml',
    line: 'thresholds',
  },
  {
    code: 'tag-key-empty',
    mutate: (t) => edit(t, ALICE, 'project: serverless', '"": x\n  project: serverless'),
    file: ALICE,
    line: '"": x',
    column: 3,
  },
  {
    code: 'tag-key-too-long',
    mutate: (t) => edit(t, ALICE, 'project: serverless', `${'k'.repeat(129)}: x\n  project: serverless`),
    file: ALICE,
    line: 'kkkk',
    column: 3,
  },
  {
    code: 'tag-key-aws-prefix',
    mutate: (t) => edit(t, ALICE, 'project: serverless', 'aws:createdBy: x\n  project: serverless'),
    file: ALICE,
    line: 'aws:createdBy',
    column: 3,
  },
  {
    code: 'tag-key-invalid',
    mutate: (t) => edit(t, ALICE, 'project: serverless', '"cost#center": x\n  project: serverless'),
    file: ALICE,
    line: 'cost#center',
  },
  {
    code: 'tag-value-too-long',
    mutate: (t) => edit(t, ALICE, 'project: serverless-training', `project: ${'v'.repeat(257)}`),
    file: ALICE,
    line: 'vvvv',
    column: 12,
  },
  {
    code: 'tag-value-invalid',
    mutate: (t) => edit(t, ALICE, 'project: serverless-training', 'project: "a|b"'),
    file: ALICE,
    line: 'a|b',
  },
  {
    code: 'too-many-tags',
    mutate: (t) =>
      edit(
        t,
        ALICE,
        'project: serverless-training',
        Array.from({ length: 51 }, (_, i) => `t${i}: v`).join('\n  '),
      ),
    file: ALICE,
    line: 'tags:',
  },
  {
    code: 'too-many-tags',
    says: 'after merging',
    mutate: (t) =>
      edit(
        t,
        ALICE,
        'project: serverless-training',
        Array.from({ length: 44 }, (_, i) => `t${i}: v`).join('\n  '),
      ),
    file: ALICE,
    line: 'tags:',
  },
  {
    code: 'invalid-schedule',
    mutate: (t) => edit(t, SETTINGS, 'cron(0 18 ? * SAT *)', 'cron(0 25 ? * SAT *)'),
    file: SETTINGS,
    line: 'maintenanceWindow:',
    says: 'hours',
  },
  {
    code: 'invalid-schedule',
    mutate: (t) =>
      edit(t, 'organizational-units/Sandbox/Teams.yaml', 'cron(0 2 ? * SUN *)', 'cron(0 2 * * SUN *)'),
    file: 'organizational-units/Sandbox/Teams.yaml',
    line: 'maintenanceWindow:',
  },
  {
    code: 'invalid-schedule',
    mutate: (t) => edit(t, SETTINGS, 'cron(0 18 ? * SAT *)', 'every saturday'),
    file: SETTINGS,
    line: 'maintenanceWindow:',
  },
  {
    code: 'invalid-schedule',
    mutate: (t) => edit(t, SETTINGS, 'cron(0 18 ? * SAT *)', 'rate(1 days)'),
    file: SETTINGS,
    line: 'maintenanceWindow:',
  },
  {
    code: 'csv-unknown-column',
    mutate: (t) => edit(t, FINOPS, 'Tag: cost-owner', 'Tags: cost-owner'),
    file: FINOPS,
    line: 1,
    column: 31,
    says: 'did you mean "Tag',
  },
  {
    code: 'csv-unknown-column',
    mutate: (t) => edit(t, FINOPS, 'Tag: cost-owner', 'Owner'),
    file: FINOPS,
    line: 1,
  },
  {
    code: 'csv-invalid-account',
    mutate: (t) => edit(t, FINOPS, 'bob.sandbox@example.com', '12345678901'),
    file: FINOPS,
    line: 3,
    column: 1,
    says: '12-digit',
  },
  {
    code: 'csv-invalid-account',
    mutate: (t) => edit(t, FINOPS, 'bob.sandbox@example.com', 'bob.sandbox@'),
    file: FINOPS,
    line: 3,
  },
  {
    code: 'csv-conflict',
    mutate: (t) => ({
      ...t,
      'tags-csv/zz-other.csv': 'Account,Tag: cost-center\nalice.sandbox@example.com,CC-OTHER\n',
    }),
    file: 'tags-csv/zz-other.csv',
    line: 2,
    column: 27,
    says: 'tags-csv/finops.csv:2',
  },
  {
    code: 'csv-syntax',
    mutate: (t) => edit(t, FINOPS, 'bob.sandbox@example.com,,', 'bob.sandbox@example.com,,,'),
    file: FINOPS,
    line: 3,
  },
  {
    code: 'csv-duplicate-column',
    mutate: (t) => edit(t, FINOPS, 'Tag: cost-owner', 'Tag: cost-center'),
    file: FINOPS,
    line: 1,
  },
  {
    code: 'csv-missing-account-column',
    mutate: (t) => edit(t, FINOPS, 'Account,', 'Acct,'),
    file: FINOPS,
    line: 1,
  },
  {
    // A European spreadsheet saves ';' between fields.
    code: 'csv-semicolon-separator',
    mutate: (t) => ({ ...t, [FINOPS]: '\uFEFF' + t[FINOPS]!.replaceAll(',', ';') }),
    file: FINOPS,
    line: 1,
    column: 8,
    says: "this file uses ';' as separator; save it comma-separated",
  },
  {
    code: 'cost-center-conflict',
    mutate: (t) =>
      edit(t, PERSONAL, 'costCenter: CC-SANDBOX', 'costCenter: CC-SANDBOX\ntags:\n  cost-center: CC-OTHER'),
    file: PERSONAL,
    line: 'costCenter:',
  },
  {
    code: 'reserved-tag',
    mutate: (t) => edit(t, ALICE, 'project: serverless', 'account-state: released\n  project: serverless'),
    file: ALICE,
    line: 'account-state',
    column: 3,
  },
  {
    code: 'reserved-tag',
    mutate: (t) => edit(t, 'accounts/carol-sandbox.yaml', '[temporary-access]', '[account-holder]'),
    file: 'accounts/carol-sandbox.yaml',
    line: 'unsetTags',
  },
  {
    code: 'reserved-tag',
    mutate: (t) => edit(t, FINOPS, 'Tag: cost-owner', 'Tag: account-holder'),
    file: FINOPS,
    line: 1,
  },
  {
    code: 'reserved-tag',
    says: 'the engine marks what it manages with it',
    mutate: (t) => edit(t, ALICE, 'project: serverless', 'managed-by: terraform\n  project: serverless'),
    file: ALICE,
    line: 'managed-by',
    column: 3,
  },
  {
    code: 'reserved-tag',
    says: 'column "Tag: spa-environment" sets a reserved tag',
    mutate: (t) => edit(t, FINOPS, 'Tag: cost-owner', 'Tag: spa-environment'),
    file: FINOPS,
    line: 1,
    column: 31,
  },
  {
    code: 'reserved-tag',
    says: 'OU tag "managed-by" is reserved',
    mutate: (t) =>
      edit(t, 'organizational-units/Sandbox/Personal.yaml', 'owner: platform-team', 'managed-by: spa'),
    file: 'organizational-units/Sandbox/Personal.yaml',
    line: 'managed-by',
    column: 3,
  },
  {
    code: 'unknown-channel',
    mutate: (t) =>
      edit(t, 'organizational-units/Sandbox.yaml', 'notifications: [sre]', 'notifications: [sre, srr]'),
    file: 'organizational-units/Sandbox.yaml',
    line: 'notifications:',
    column: 22,
  },
  {
    code: 'secret-in-settings',
    mutate: (t) =>
      edit(
        t,
        SETTINGS,
        'teamsWebhookSecret: spa/teams/sre',
        'teamsWebhookSecret: https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456',
      ),
    file: SETTINGS,
    line: 'teamsWebhookSecret',
  },
  {
    code: 'secret-in-settings',
    mutate: (t) =>
      edit(
        t,
        'accounts/erin-sandbox.yaml',
        'MAXIMUM_AGE: 1M',
        'MAXIMUM_AGE: 1M\n    SLACK_TOKEN: xoxb-123456789012-abcdefghijkl',
      ),
    file: 'accounts/erin-sandbox.yaml',
    line: 'SLACK_TOKEN',
  },
  {
    code: 'secret-in-settings',
    mutate: (t) => edit(t, FINOPS, 'Training budget approved by FinOps', 'key AKIAIOSFODNN7EXAMPLE'),
    file: FINOPS,
    line: 2,
  },
  {
    code: 'tag-set-and-unset',
    mutate: (t) =>
      edit(t, 'accounts/carol-sandbox.yaml', '[temporary-access]', '[temporary-access, project]'),
    file: 'accounts/carol-sandbox.yaml',
    line: 'unsetTags',
  },
  {
    code: 'duplicate-ou',
    mutate: add(
      'organizational-units/Workloads.yml',
      '# yaml-language-server: $schema=../schemas/organizational-unit.schema.json\nmanaged: false\n',
    ),
    file: 'organizational-units/Workloads.yml',
    line: 1,
  },
  {
    code: 'missing-settings',
    mutate: (t) => Object.fromEntries(Object.entries(t).filter(([p]) => p !== SETTINGS)),
    file: SETTINGS,
    line: 1,
  },
  {
    code: 'invalid-value',
    mutate: (t) => edit(t, SETTINGS, 'mode: additive', 'mode: additve'),
    file: SETTINGS,
    line: 'mode: additve',
    says: /additive/,
  },
  {
    code: 'invalid-value',
    mutate: (t) =>
      edit(
        t,
        SETTINGS,
        'costCenterTag: cost-center',
        'costCenterTag: cost-center\n  costMetric: BlendedCost',
      ),
    file: SETTINGS,
    line: 'costMetric: BlendedCost',
    column: 15,
    says: /not allowed; did you mean "UnblendedCost"/,
  },
  {
    code: 'out-of-range',
    mutate: (t) =>
      edit(
        t,
        SETTINGS,
        'costCenterTag: cost-center',
        'costCenterTag: cost-center\n  residualCostThreshold: -1',
      ),
    file: SETTINGS,
    line: 'residualCostThreshold: -1',
    column: 26,
    says: /residualCostThreshold is -1, out of range/,
  },
  {
    code: 'invalid-variable-name',
    mutate: (t) => edit(t, 'accounts/erin-sandbox.yaml', 'MAXIMUM_AGE: 1M', '1MAXIMUM-AGE: 1M'),
    file: 'accounts/erin-sandbox.yaml',
    line: '1MAXIMUM',
  },
  {
    code: 'invalid-environment',
    mutate: (t) => edit(t, SETTINGS, 'environment: SpaDemo', 'environment: spa demo'),
    file: SETTINGS,
    line: 'environment:',
    column: 14,
  },
  {
    code: 'invalid-arn',
    mutate: (t) => edit(t, SETTINGS, 'alertTopicArn: arn:aws:sns', 'alertTopicArn: arn:aws:sqs'),
    file: SETTINGS,
    line: 'alertTopicArn',
  },
  {
    code: 'invalid-ou-path',
    mutate: (t) =>
      edit(t, ALICE, 'organizationalUnit: Sandbox/Personal', 'organizationalUnit: /Sandbox/Personal'),
    file: ALICE,
    line: 'organizationalUnit',
  },
  {
    code: 'invalid-currency',
    mutate: (t) => edit(t, SETTINGS, 'currencies: [EUR]', 'currencies: [euro]'),
    file: SETTINGS,
    line: 'currencies',
  },
  {
    code: 'duplicate-item',
    mutate: (t) =>
      edit(t, 'accounts/carol-sandbox.yaml', '[temporary-access]', '[temporary-access, temporary-access]'),
    file: 'accounts/carol-sandbox.yaml',
    line: 'unsetTags',
  },
  {
    code: 'invalid-secret-name',
    mutate: (t) => edit(t, SETTINGS, 'spa/slack/data-platform', 'spa slack'),
    file: SETTINGS,
    line: 'slackWebhookSecret',
  },
  {
    code: 'csv-overrides-account',
    severity: 'warning',
    mutate: (t) =>
      edit(
        t,
        FINOPS,
        'bob.sandbox@example.com,,,bob.manager@example.com,',
        'bob.sandbox@example.com,,,bob.manager@example.com,900',
      ),
    file: FINOPS,
    line: 3,
    column: 51,
    says: '400',
  },
  {
    code: 'yaml-warning',
    severity: 'warning',
    mutate: (t) => edit(t, ALICE, 'project: serverless-training', 'project: !custom serverless-training'),
    file: ALICE,
    line: 'project:',
  },
  {
    code: 'invalid-account-name',
    mutate: add('accounts/caf\u00e9.yaml', account('caf\u00e9')),
    file: 'accounts/caf\u00e9.yaml',
    line: 2,
  },
  {
    code: 'invalid-region',
    mutate: (t) => edit(t, SETTINGS, 'region: eu-west-1', 'region: Ireland'),
    file: SETTINGS,
    line: 'region:',
  },
  {
    code: 'invalid-role-name',
    mutate: (t) => edit(t, SETTINGS, 'memberRoleName: SpaBuildStarter', 'memberRoleName: "role name"'),
    file: SETTINGS,
    line: 'memberRoleName',
  },
  {
    code: 'invalid-share',
    mutate: (t) => edit(t, SETTINGS, 'largePlanShare: 20', 'largePlanShare: 150'),
    file: SETTINGS,
    line: 'largePlanShare',
  },
  {
    code: 'invalid-channel-name',
    mutate: (t) => edit(t, SETTINGS, '  finops:\n', '  FinOps Team:\n'),
    file: SETTINGS,
    line: 'FinOps Team',
  },
  {
    code: 'too-short',
    mutate: (t) =>
      edit(t, 'organizational-units/Sandbox.yaml', 'notifications: [sre]', 'notifications: [""]'),
    file: 'organizational-units/Sandbox.yaml',
    line: 'notifications',
  },
  {
    code: 'too-long',
    mutate: (t) => edit(t, ALICE, 'tags:', `note: ${'n'.repeat(1001)}\ntags:`),
    file: ALICE,
    line: 'note:',
  },
  {
    code: 'too-few',
    mutate: (t) => edit(t, SETTINGS, 'email: [finops@example.com]', 'email: []'),
    file: SETTINGS,
    line: 'email: []',
  },
  {
    code: 'too-few',
    mutate: (t) =>
      edit(
        t,
        SETTINGS,
        '  finops:\n    email: [finops@example.com]\n    emailSender: spa@example.com',
        '  finops: {}',
      ),
    file: SETTINGS,
    line: 'finops: {}',
    says: 'has 0 entries',
  },
  {
    code: 'invisible-character',
    mutate: (t) => edit(t, ALICE, 'project: serverless-training', 'project: serverless\u202Etraining'),
    file: ALICE,
    line: 'project:',
    column: 22,
    says: 'U+202E RIGHT-TO-LEFT OVERRIDE in "  project: serverless\\u202Etraining"',
  },
  {
    code: 'invisible-character',
    mutate: (t) => edit(t, PERSONAL, /^# (.*)$/m, '# $1 \u2066hidden\u2069'),
    file: PERSONAL,
    line: 'hidden',
    says: 'U+2066 LEFT-TO-RIGHT ISOLATE',
  },
  {
    code: 'invisible-character',
    mutate: (t) => edit(t, BOB, 'holder:', '\uFEFFholder:'),
    file: BOB,
    line: 'holder:',
    column: 1,
    says: 'BYTE ORDER MARK',
  },
  {
    code: 'invisible-character',
    mutate: (t) => edit(t, FINOPS, 'Training budget approved', 'Training budget \u200Bapproved'),
    file: FINOPS,
    line: 2,
    says: 'U+200B ZERO WIDTH SPACE',
  },
  {
    code: 'invisible-character',
    mutate: add(`accounts/eve\u202Egpj.yaml`, account('eve')),
    file: 'accounts/eve\u202Egpj.yaml',
    line: 1,
    says: 'file name',
  },
  {
    code: 'csv-line-break',
    mutate: (t) => edit(t, FINOPS, 'Training budget approved by FinOps', '"Training budget\nBudget: 99999"'),
    file: FINOPS,
    line: 2,
    column: 27,
    says: '"Training budget\\nBudget: 99999"',
  },
  {
    code: 'csv-formula',
    severity: 'warning',
    mutate: (t) => edit(t, FINOPS, 'Training budget approved by FinOps', '=1+2'),
    file: FINOPS,
    line: 2,
    column: 27,
    says: 'starts with "="',
  },
  {
    code: 'csv-formula',
    severity: 'warning',
    mutate: (t) => edit(t, FINOPS, 'CC-TRAINING', '-CC-TRAINING'),
    file: FINOPS,
    line: 2,
    says: 'starts with "-"',
  },
  {
    code: 'csv-formula',
    severity: 'warning',
    mutate: (t) => edit(t, FINOPS, 'bob.manager@example.com', '@bob.manager'),
    file: FINOPS,
    line: 3,
  },
  {
    code: 'contact-set-and-unset',
    mutate: (t) =>
      edit(t, TEAMS, 'alternateContacts:', 'unsetAlternateContacts: [operations]\nalternateContacts:'),
    file: TEAMS,
    line: 'unsetAlternateContacts',
    says: 'operations contact is both set and unset',
  },
  {
    code: 'invalid-phone',
    mutate: (t) => edit(t, TEAMS, 'phone: "+1 555 0101"', 'phone: call me'),
    file: TEAMS,
    line: 'phone: call me',
  },
  {
    code: 'missing-key',
    mutate: (t) => edit(t, TEAMS, /^ {4}title: Sandbox operations\n/m, ''),
    file: TEAMS,
    line: 'name: Platform team',
    says: '"title"',
  },
  {
    code: 'invalid-value',
    mutate: (t) => edit(t, ALICE, 'tags:', 'unsetAlternateContacts: [legal]\ntags:'),
    file: ALICE,
    line: 'unsetAlternateContacts',
    says: /not allowed/,
  },
  {
    code: 'policy-file-missing',
    mutate: (t) =>
      edit(t, SETTINGS, 'file: infra/policies/deny-root-user.json', 'file: infra/policies/deny-root.json'),
    file: SETTINGS,
    line: 'file: infra/policies/deny-root.json',
    says: 'does not exist',
  },
  {
    code: 'invalid-policy-file',
    mutate: (t) => edit(t, SETTINGS, 'file: infra/policies/deny-root-user.json', 'file: ../secrets.json'),
    file: SETTINGS,
    line: 'file: ../secrets.json',
  },
  {
    code: 'invalid-policy-name',
    mutate: (t) => edit(t, SETTINGS, '  deny-root-user:\n    file', '  Deny_Root:\n    file'),
    file: SETTINGS,
    line: 'Deny_Root:',
  },
  {
    code: 'policy-not-json',
    mutate: (t) => edit(t, ROOT_SCP, '"Resource": "*",', '"Resource": "*",,'),
    file: ROOT_SCP,
    line: '"Resource": "*",,',
    column: 23,
  },
  {
    code: 'invalid-policy',
    mutate: (t) => edit(t, ROOT_SCP, '"Effect": "Deny"', '"Effect": "Block"'),
    file: ROOT_SCP,
    line: '"Effect": "Block"',
    says: 'not allowed',
  },
  {
    code: 'invalid-policy',
    mutate: (t) => edit(t, ROOT_SCP, '"Action": "*",', '"Action": "*",\n      "NotAction": "iam:*",'),
    file: ROOT_SCP,
    line: 4,
  },
  {
    code: 'invalid-policy',
    mutate: (t) => edit(t, ROOT_SCP, '"Resource": "*",', ''),
    file: ROOT_SCP,
    line: 4,
  },
  {
    code: 'unknown-key',
    mutate: (t) => edit(t, ROOT_SCP, '"Resource": "*",', '"Resource": "*",\n      "Principal": "*",'),
    file: ROOT_SCP,
    line: '"Principal"',
  },
  {
    code: 'yaml-duplicate-key',
    mutate: (t) => edit(t, ROOT_SCP, '"Resource": "*",', '"Resource": "*",\n      "Effect": "Allow",'),
    file: ROOT_SCP,
    line: '"Effect": "Allow"',
  },
  {
    code: 'policy-too-large',
    mutate: (t) => edit(t, ROOT_SCP, '"Action": "*",', `"Action": [${manyActions}],`),
    file: ROOT_SCP,
    line: 1,
    says: 'more than the 5120',
  },
  {
    code: 'unknown-policy',
    mutate: (t) => edit(t, SANDBOX, 'attach: [deny-root-user,', 'attach: [deny-rot-user,'),
    file: SANDBOX,
    line: 'attach: [deny-rot-user',
    says: 'did you mean "deny-root-user"',
  },
  {
    code: 'too-many-policies',
    mutate: (t) =>
      edit(
        edit(
          t,
          SETTINGS,
          'serviceControlPolicies:\n',
          'serviceControlPolicies:\n  extra:\n    file: infra/policies/deny-root-user.json\n',
        ),
        PERSONAL,
        'budget:',
        'serviceControlPolicies:\n  attach: [extra]\nbudget:',
      ),
    file: PERSONAL,
    line: 'serviceControlPolicies:',
    says: 'would have 6 service control policies',
  },
  { code: 'csv-unmatched-row', severity: 'warning', mutate: (t) => t, file: FINOPS, line: 'george.sandbox' },
  {
    code: 'missing-schema-comment',
    severity: 'warning',
    mutate: (t) => edit(t, BOB, /^# yaml-language-server.*\n/, ''),
    file: BOB,
    line: 1,
  },
  {
    code: 'unexpected-file',
    severity: 'warning',
    mutate: add('accounts/notes.txt', 'todo'),
    file: 'accounts/notes.txt',
    line: 1,
  },
  {
    code: 'missing-email-sender',
    mutate: (t) =>
      edit(
        t,
        SETTINGS,
        '    email: [finops@example.com]\n    emailSender: spa@example.com\n',
        '    email: [finops@example.com]\n',
      ),
    file: SETTINGS,
    line: 'email: [finops@example.com]',
    says: '"email" needs "emailSender" beside it',
  },
  {
    code: 'invalid-email',
    mutate: (t) =>
      edit(
        t,
        SETTINGS,
        '    emailSender: spa@example.com\n    teamsWebhookSecret',
        '    emailSender: not an address\n    teamsWebhookSecret',
      ),
    file: SETTINGS,
    line: 'emailSender: not an address',
  },
  {
    code: 'invalid-github-login',
    mutate: (t) => edit(t, SETTINGS, 'alice@example.com: alice-example', 'alice@example.com: "@alice"'),
    file: SETTINGS,
    line: 'alice@example.com: "@alice"',
    column: 22,
  },
  {
    code: 'invalid-email',
    mutate: (t) => edit(t, SETTINGS, 'alice@example.com: alice-example', 'alice: alice-example'),
    file: SETTINGS,
    line: 'alice: alice-example',
  },
];

function validate(tree: Tree): Diagnostic[] {
  return validateSettings(toFiles(tree)).diagnostics;
}

describe('the sample settings', () => {
  it('are valid, with only the warning of a CSV row for an account found at plan time', () => {
    const diagnostics = validate(sample);
    expect(diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning csv-unmatched-row']);
  });
});

describe('each diagnostic code', () => {
  it.each(cases.map((c, i) => [`${c.code} (${i})`, c] as const))(
    'reports %s at its file and line',
    (_, c) => {
      const tree = c.mutate(sample);
      const diagnostics = validate(tree);
      const line = typeof c.line === 'number' ? c.line : lineOf(tree, c.file, c.line);
      const found = diagnostics.find((d) => d.code === c.code && d.file === c.file && d.line === line);
      expect(
        found,
        `expected ${c.code} at ${c.file}:${line}; got\n${describeDiagnostics(diagnostics)}`,
      ).toBeDefined();
      expect(found!.severity).toBe(c.severity ?? 'error');
      if (c.column !== undefined) expect(found!.column).toBe(c.column);
      if (c.says !== undefined) expect(found!.summary).toMatch(c.says);
      expect(found!.hint.length).toBeGreaterThan(5);
      expect(validateSettings(toFiles(tree)).valid).toBe((c.severity ?? 'error') === 'warning');
    },
  );
});

describe('what a spreadsheet does to a tag CSV', () => {
  it('gives an account id that Excel wrote in scientific notation the Excel hint', () => {
    const tree = edit(sample, FINOPS, 'bob.sandbox@example.com', '1.49841E+11');
    const found = validate(tree).find((d) => d.code === 'csv-invalid-account' && d.file === FINOPS);
    expect(found).toMatchObject({ line: 3, column: 1 });
    expect(found!.hint).toContain('format the Account column as text');
  });

  it('names the separator instead of a missing Account column, and reads nothing of the file', () => {
    const tree = { ...sample, [FINOPS]: sample[FINOPS]!.replaceAll(',', ';') };
    const codes = validate(tree)
      .filter((d) => d.file === FINOPS)
      .map((d) => d.code);
    expect(codes).toEqual(['csv-semicolon-separator']);
  });
});

describe('files that are not text', () => {
  it('reports a file that is not UTF-8 at its line and column, without crashing', () => {
    const files = toFiles(sample);
    const latin1 = Buffer.concat([
      Buffer.from(`${header}name: caf`),
      Buffer.from([0xe9]),
      Buffer.from('\nemail: x@example.com\n'),
    ]);
    files.push({ path: 'accounts/cafe.yaml', bytes: latin1 });
    const result = validateSettings(files);
    const d = result.diagnostics.find((x) => x.code === 'not-utf8');
    expect(d).toMatchObject({ file: 'accounts/cafe.yaml', line: 2, column: 10 });
    expect(result.valid).toBe(false);
  });

  it('refuses a file larger than 1 MiB', () => {
    const files = toFiles({
      ...sample,
      'accounts/huge.yaml': `${header}note: "${'x'.repeat(1024 * 1024)}"\n`,
    });
    const result = validateSettings(files);
    expect(result.diagnostics.find((x) => x.code === 'file-too-large')).toMatchObject({
      file: 'accounts/huge.yaml',
      line: 1,
    });
  });

  it('does not print the line of a secret', () => {
    const tree = edit(
      sample,
      SETTINGS,
      'teamsWebhookSecret: spa/teams/sre',
      'teamsWebhookSecret: https://hooks.slack.com/services/T000/B000/XXXX',
    );
    const d = validate(tree).find((x) => x.code === 'secret-in-settings');
    expect(d).toBeDefined();
    expect(JSON.stringify(d)).not.toContain('hooks.slack.com');
  });
});

describe('an invalid settings.yaml', () => {
  it('does not make every OU and account look wrong', () => {
    const tree = edit(sample, SETTINGS, 'environment: SpaDemo', 'environment: 42');
    const errors = validate(tree).filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file} ${d.code}`)).toEqual(['settings.yaml invalid-environment']);
  });
});

describe('every problem at once', () => {
  it('reports problems in several files in one run, sorted by file and line', () => {
    let tree = edit(sample, ALICE, 'holder:', 'holdr:');
    tree = edit(tree, BOB, 'amount: 400', 'amount: 0');
    tree = edit(tree, FINOPS, 'Tag: cost-owner', 'Tags: cost-owner');
    const diagnostics = validate(tree).filter((d) => d.severity === 'error');
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
      'accounts/alice-sandbox.yaml unknown-key',
      'accounts/bob-sandbox.yaml invalid-budget',
      'tags-csv/finops.csv csv-unknown-column',
    ]);
  });
});
