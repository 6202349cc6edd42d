#!/usr/bin/env -S npx tsx
// `npm run sample-report`: makes the sample month of reports/costs/ that the repository carries, with the real
// `spa report costs` against the emulator: a fake organization of 40 accounts (moto), and a month of Cost
// Explorer figures queued in moto with the 12 months before it (the same figures every time).
import { spawn } from 'node:child_process';
import { CreateBudgetCommand } from '@aws-sdk/client-budgets';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTree } from '../../test/helpers/cli.js';
import { minimalTree } from '../../test/helpers/tree.js';
import { startGateway } from '../../test/support/aws-gateway.js';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbActivityStore } from '../src/adapters/aws/activities-table.js';
import { AwsCaller } from '../src/adapters/aws/retry.js';
import { runtimeNames } from '../src/domain/runtime-names.js';
import type { Activity } from '../src/ports/activities.js';
import {
  dailyPages,
  type DayItems,
  groupedPages,
  monthlyPages,
  queueCostAnswers,
  servicesAnswer,
  tagged,
  totalAnswer,
  units,
  type LineItem,
} from '../../test/support/cost-explorer.js';
import { startMoto } from '../../test/support/moto.js';
import { cliEnv, seedOrganization, testAws, type SeedAccount } from '../../test/support/seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MGMT = '111111111111';

const TEAMS: [string, string, string, number][] = [
  // OU, cost center, name prefix, accounts
  ['Sandbox/Personal', 'CC-TRAINING', 'sandbox', 12],
  ['Sandbox/Teams/DataScience', 'CC-RESEARCH', 'ds', 8],
  ['Sandbox/Teams/Web', 'CC-DIGITAL', 'web', 6],
  ['Workloads/Prod', 'CC-PLATFORM', 'prod', 5],
  ['Workloads/Staging', 'CC-PLATFORM', 'staging', 4],
  ['Workloads/Prod', 'CC-SALES', 'crm', 2],
];
const SERVICES: [string, string, number][] = [
  ['Amazon Elastic Compute Cloud - Compute', 'EUW1-BoxUsage:m6i.large', 180],
  ['EC2 - Other', 'EUW1-EBS:VolumeUsage.gp3', 40],
  ['Amazon Simple Storage Service', 'EUW1-TimedStorage-ByteHrs', 25],
  ['Amazon Relational Database Service', 'EUW1-InstanceUsage:db.t4g.medium', 90],
  ['AWS Lambda', 'EUW1-Lambda-GB-Second-ARM', 8],
  ['Amazon CloudWatch', 'EUW1-CW:MetricMonitorUsage', 12],
  ['Amazon Virtual Private Cloud', 'EUW1-NatGateway-Hours', 35],
  ['Amazon SageMaker', 'EUW1-Notebk:ml.t3.medium', 60],
  ['AWS Key Management Service', 'EUW1-KMS-Keys', 3],
];

function organization(): SeedAccount[] {
  const out: SeedAccount[] = [];
  for (const [ou, cc, prefix, n] of TEAMS)
    for (let i = 1; i <= n; i++)
      out.push({
        name: `${prefix}-${String(i).padStart(2, '0')}`,
        email: `${prefix}-${i}@example.com`,
        ou,
        tags: { 'cost-center': cc },
      });
  out.push({ name: 'intern-sandbox', email: 'intern@example.com', ou: 'Sandbox/Personal' });
  out.push({
    name: 'old-prototype',
    email: 'old-prototype@example.com',
    ou: 'Workloads/Staging',
    tags: { 'cost-center': 'CC-DIGITAL' },
    closed: true,
  });
  return out;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function month(ids: string[], seed: number): LineItem[] {
  const r = random(seed);
  const items: LineItem[] = [];
  const money = (scale: number) => (Math.floor(r() * scale * 1e10) / 1e10).toFixed(10);
  for (const [i, account] of [...ids, '210987654321'].entries()) {
    for (const [service, usageType, scale] of SERVICES)
      if (r() < 0.6) items.push({ account, service, usageType, recordType: 'Usage', amount: money(scale) });
    items.push({ account, service: 'Tax', usageType: 'Tax', recordType: 'Tax', amount: money(15) });
    if (i % 9 === 0)
      items.push({
        account,
        service: 'Amazon SageMaker',
        usageType: 'EUW1-Notebk:ml.t3.medium',
        recordType: 'Credit',
        amount: '-50.0000000000',
      });
  }
  items.push({
    account: ids[0]!,
    service: 'AWS Support (Business)',
    usageType: 'Business-Support',
    recordType: 'Support',
    amount: '100.0000000000',
  });
  items.push({
    account: ids[3]!,
    service: 'Amazon Simple Storage Service',
    usageType: 'EUW1-TimedStorage-ByteHrs',
    recordType: 'Refund',
    amount: '-4.2500000000',
  });
  return items;
}

/** The 12 months before October 2026, oldest first: the organization grew by 2 accounts a month (the last two are new in October). */
function pastMonths(ids: string[]): { start: string; end: string; items: LineItem[] }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const at = (k: number) => new Date(Date.UTC(2025, 9 + k, 1)).toISOString().slice(0, 10);
    const items = month(ids.slice(0, ids.length - 2 * (12 - i)), 2510 + i);
    return {
      start: at(i),
      end: at(i + 1),
      items: items.filter((l) => l.recordType !== 'Credit' && l.recordType !== 'Refund'),
    };
  });
}

function answers(
  october: LineItem[],
  past: ReturnType<typeof pastMonths>,
  centers: Record<string, string>,
): object[] {
  const oct = { start: '2026-10-01', end: '2026-11-01' };
  const usage = october.filter((l) => l.recordType !== 'Credit' && l.recordType !== 'Refund');
  const sum = (list: LineItem[]) => list.reduce((s, l) => s + units(l.amount), 0n);
  const names = { '210987654321': 'retired-lab' };
  return [
    totalAnswer(sum(usage), oct),
    totalAnswer(sum(october), oct),
    ...groupedPages(tagged({ items: october, ...oct, costCenters: centers }), 'costCenter', oct, {
      pageSize: 100,
      tag: 'cost-centers',
      names,
    }),
    ...groupedPages(usage, 'service', oct, { pageSize: 100, tag: 'services', names }),
    ...groupedPages(usage, 'usageType', oct, { pageSize: 100, tag: 'usage', names }),
    ...groupedPages(october, 'recordType', oct, { pageSize: 100, tag: 'records', names }),
    ...monthlyPages(past, { pageSize: 100, tag: 'past' }),
    servicesAnswer(past[11]!.items, past[11]!),
  ];
}

/**
 * Two accounts purged in October (maintenances of the activities table): sandbox-02 on the 17th, whose instance
 * and NAT gateway kept running, and ds-02 on the 24th, with a few cents of storage after it.
 */
function purges(ids: string[]): { activities: Activity[]; days: DayItems[] } {
  const [flagged, clean] = [ids[1]!, ids[13]!];
  const usage = (account: string, service: string, usageType: string, amount: string): LineItem => ({
    account,
    service,
    usageType,
    recordType: 'Usage',
    amount,
  });
  const days: DayItems[] = [];
  for (let d = 18; d <= 31; d++) {
    const items = [
      usage(flagged, 'Amazon Elastic Compute Cloud - Compute', 'EUW1-BoxUsage:m6i.large', '2.3040000000'),
      usage(flagged, 'Amazon Virtual Private Cloud', 'EUW1-NatGateway-Hours', '1.0800000000'),
    ];
    if (d >= 25)
      items.push(usage(clean, 'Amazon Simple Storage Service', 'EUW1-TimedStorage-ByteHrs', '0.0123000000'));
    days.push({ day: `2026-10-${d}`, items });
  }
  const maintenance = (accountId: string, begin: string, end: string): Activity => ({
    kind: 'SuccessfulMaintenance',
    accountId,
    at: end,
    id: `sample-${accountId}`,
    begin,
    durationSeconds: (Date.parse(end) - Date.parse(begin)) / 1000,
  });
  return {
    activities: [
      maintenance(flagged, '2026-10-17T02:00:00.000Z', '2026-10-17T02:41:12.000Z'),
      maintenance(clean, '2026-10-24T02:00:00.000Z', '2026-10-24T02:37:45.000Z'),
    ],
    days,
  };
}

/** The activities table of the runtime (settings.yaml runtime.account is the account of the CLI's credentials). */
async function activitiesTable(activities: readonly Activity[]): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: gateway.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const table = runtimeNames('SpaSample').activitiesTable;
  await client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [
        { AttributeName: 'month', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'month', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const store = new DynamoDbActivityStore(client, new AwsCaller(), table);
  for (const a of activities) await store.put(a);
}

const moto = await startMoto();
const gateway = await startGateway(moto.endpoint);
try {
  const accounts = organization();
  const aws = await testAws(gateway.endpoint, MGMT);
  const seeded = await seedOrganization(aws, {
    ous: [
      'Sandbox',
      'Sandbox/Personal',
      'Sandbox/Teams',
      'Sandbox/Teams/DataScience',
      'Sandbox/Teams/Web',
      'Workloads',
      'Workloads/Prod',
      'Workloads/Staging',
    ],
    accounts,
  });
  const ids = accounts.map((a) => seeded.accountIds.get(a.email)!);
  // Cost Explorer sees each account's cost center tag on its costs (the closed account's included).
  const centers: Record<string, string> = {};
  accounts.forEach((a, i) => {
    const cc = a.tags?.['cost-center'];
    if (cc) centers[ids[i]!] = cc;
  });
  // A monthly budget of 150.00 USD on each account of the first teams, as `spa apply` creates them.
  for (const id of ids.slice(0, 20))
    await aws.budgets.send(
      new CreateBudgetCommand({
        AccountId: MGMT,
        Budget: {
          BudgetName: `SpaSample-${id}`,
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: '150', Unit: 'USD' },
          CostFilters: { LinkedAccount: [id] },
        },
      }),
    );
  const purged = purges(ids);
  await activitiesTable(purged.activities);
  await queueCostAnswers(moto.endpoint, MGMT, [
    ...answers(month(ids, 2610), pastMonths(ids), centers),
    ...dailyPages(purged.days, { pageSize: 100, tag: 'residuals' }),
  ]);
  const { dir, cleanup } = writeTree(
    minimalTree({
      settings: {
        environment: 'SpaSample',
        aws: {
          region: 'eu-west-1',
          managementAccountId: MGMT,
          managementRoleArn: `arn:aws:iam::${MGMT}:role/Spa`,
        },
        // The sample reads no rates service: fixed rates (a URL is read the same way, its answer kept).
        reporting: { currencies: ['EUR'], exchangeRates: { fixed: { EUR: 0.9213 } } },
        // The runtime whose activities table holds the purges: the account of the emulator's default credentials.
        runtime: { account: '123456789012' },
      },
    }),
  );
  try {
    // Run asynchronously: the gateway lives in this process.
    const child = spawn(
      process.execPath,
      [join(root, 'engine/bin/spa.js'), 'report', 'costs', '--month', '2026-10', '--dir', dir, '--out', root],
      {
        env: { PATH: process.env.PATH ?? '', ...cliEnv(gateway.endpoint), SPA_NOW: '2026-11-14T07:00:00Z' },
        stdio: 'inherit',
      },
    );
    const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 3)));
    if (code !== 0) throw new Error(`spa report costs exited ${code}`);
  } finally {
    cleanup();
  }
} finally {
  await gateway.stop();
  await moto.stop();
}
