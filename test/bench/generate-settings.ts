// Writes a large settings tree: the OUs, account files and CSV rows of a big organization.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function generateSettingsTree(
  dir: string,
  options: { accounts?: number; topOus?: number; childOus?: number; csvRows?: number } = {},
) {
  const { accounts = 10_000, topOus = 10, childOus = 9 } = options;
  const csvRows = options.csvRows ?? accounts;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write(
    'settings.yaml',
    `# yaml-language-server: $schema=./schemas/settings.schema.json
environment: SpaBench
aws:
  region: eu-west-1
  managementAccountId: "123456789012"
defaults:
  budget:
    amount: 100
maintenanceWindow: cron(0 18 ? * SAT *)
notifications:
  sre:
    email: [sre@example.com]
    emailSender: spa@example.com
`,
  );
  const leaves: string[] = [];
  for (let t = 0; t < topOus; t++) {
    const top = `Unit${t}`;
    write(
      `organizational-units/${top}.yaml`,
      `# yaml-language-server: $schema=../schemas/organizational-unit.schema.json\nmanaged: true\ncostCenter: CC-${t}\nnotifications: [sre]\n`,
    );
    for (let c = 0; c < childOus; c++) {
      const path = `${top}/Team${c}`;
      leaves.push(path);
      write(
        `organizational-units/${path}.yaml`,
        `# yaml-language-server: $schema=../../schemas/organizational-unit.schema.json\ntags:\n  team: team-${t}-${c}\nbudget:\n  thresholds: [80, 100]\n`,
      );
    }
  }
  const emails: string[] = [];
  for (let i = 0; i < accounts; i++) {
    const name = `user-${String(i).padStart(5, '0')}`;
    const email = `${name}@example.com`;
    emails.push(email);
    write(
      `accounts/${name}.yaml`,
      `# yaml-language-server: $schema=../schemas/account.schema.json
name: ${name}
email: ${email}
holder: person-${i}@example.com
organizationalUnit: ${leaves[i % leaves.length]}
tags:
  project: project-${i % 50}
budget:
  amount: ${100 + (i % 10) * 50}
`,
    );
  }
  const rows = ['Account,Note,Tag: cost-owner,Budget'];
  for (let i = 0; i < csvRows; i++)
    rows.push(`${emails[i % emails.length]},row ${i},owner-${i % 100}@example.com,`);
  write('tags-csv/finops.csv', rows.join('\n') + '\n');
  return { accounts, ous: leaves.length + topOus, csvRows };
}
