import type { SeedSpec } from './seed.js';

/**
 * The sample organization of the demo and of the integration tests. It differs from the sample settings at the
 * root of the repository the way real organizations do: cost-center tags missing, an old tag that unsetTags
 * removes, accounts in the wrong OU, OUs missing, an account not created yet, an account managed through its
 * OU without a file, an account that left SPA, and accounts SPA has nothing to do with.
 */
export const DEMO_ORGANIZATION: SeedSpec = {
  ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
  ouTags: { Sandbox: { owner: 'platform-team' } },
  accounts: [
    {
      name: 'alice-sandbox',
      email: 'alice.sandbox@example.com',
      ou: 'Sandbox/Personal',
      tags: {
        'managed-by': 'spa',
        CostCenter: '1234',
        'account-state': 'released',
        'account-holder': 'alice@example.com',
      },
    },
    {
      name: 'bob-sandbox',
      email: 'bob.sandbox@example.com',
      ou: 'Workloads',
      tags: { 'account-state': 'released' },
    },
    {
      name: 'carol-sandbox',
      email: 'carol.sandbox@example.com',
      ou: 'Sandbox/Personal',
      tags: { 'temporary-access': 'yes', 'account-state': 'released' },
    },
    { name: 'erin-sandbox', email: 'erin.sandbox@example.com', ou: 'Sandbox/Personal' },
    { name: 'data-team-sandbox', email: 'data-team.sandbox@example.com', ou: '' },
    { name: 'ml-team', email: 'ml-team.sandbox@example.com', ou: 'Sandbox' },
    {
      name: 'frank-sandbox',
      email: 'frank.sandbox@example.com',
      ou: 'Sandbox/Personal',
      tags: { 'account-state': 'released' },
    },
    {
      name: 'platform-tools',
      email: 'platform-tools@example.com',
      ou: 'Workloads',
      tags: { 'cost-center': 'CC-PLATFORM' },
    },
    { name: 'george-sandbox', email: 'george.sandbox@example.com', ou: 'Sandbox/Personal' },
    {
      name: 'legacy-sandbox',
      email: 'legacy.sandbox@example.com',
      ou: '',
      tags: { 'account-state': 'released', 'account-holder': 'old@example.com' },
    },
    {
      name: 'prod-payments',
      email: 'prod-payments@example.com',
      ou: 'Workloads',
      tags: { 'cost-center': 'CC-PAY' },
    },
  ],
};

/** settings.yaml of the sample, pointed at another management account (each test file has its own). */
export function withManagementAccount(
  settingsYaml: string,
  managementAccountId: string,
  roleArn?: string,
): string {
  let out = settingsYaml.replace(
    /managementAccountId: "\d{12}"/,
    `managementAccountId: "${managementAccountId}"`,
  );
  out = out.replace(
    /alertTopicArn: arn:aws:sns:us-east-1:\d{12}:/,
    `alertTopicArn: arn:aws:sns:us-east-1:${managementAccountId}:`,
  );
  if (roleArn) out = out.replace(/ {2}# managementRoleArn: .*\n/, `  managementRoleArn: ${roleArn}\n`);
  return out;
}
