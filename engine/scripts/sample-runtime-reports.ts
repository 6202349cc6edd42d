#!/usr/bin/env -S npx tsx
// `npm run sample-runtime-reports`: makes the sample activities of October 2026 and the sample inventory of
// 2026-11-28 that reports/ carries, with the real `spa report activities` and `spa report inventory` on the sample
// settings at the root of the repository, against the emulator: the organization those settings describe (moto),
// the runtime's tables written as the runtime writes them, and the month to date queued in Cost Explorer (the same
// figures every time).
import { spawn } from 'node:child_process';
import { CloseAccountCommand, CreateAccountCommand, MoveAccountCommand } from '@aws-sdk/client-organizations';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, type Gateway } from '../../test/support/aws-gateway.js';
import { groupedPages, queueCostAnswers, type LineItem } from '../../test/support/cost-explorer.js';
import { startMoto } from '../../test/support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../../test/support/seed.js';
import { DynamoDbActivityStore } from '../src/adapters/aws/activities-table.js';
import { DynamoDbAccountRecords } from '../src/adapters/aws/records-table.js';
import { AwsCaller } from '../src/adapters/aws/retry.js';
import { connectRuntime } from '../src/adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../src/desired/types.js';
import type { AccountState } from '../src/domain/lifecycle-states.js';
import { runtimeNames } from '../src/domain/runtime-names.js';
import { createTables } from '../src/entrypoints/local/provision.js';
import type { Activity } from '../src/ports/activities.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const spa = join(root, 'engine/bin/spa.js');
const MGMT = '123456789012';

interface SampleAccount {
  name: string;
  ou: string;
  /** The state the records table holds; undefined: no record yet. */
  state?: AccountState;
  /** Month-to-date costs of November (USD) and the cost center Cost Explorer saw on them. */
  mtd?: [string, string | undefined];
  closed?: boolean;
}

/**
 * The organization of the sample settings, each account where its file puts it: a team account and a personal one
 * over their budgets, one being purged (expired), one the runtime has not recorded yet (george-sandbox, managed
 * through its OU without a file), a closed one, and accounts SPA does not manage.
 */
const ACCOUNTS: SampleAccount[] = [
  { name: 'alice-sandbox', ou: 'Sandbox/Personal', state: 'released', mtd: ['227.14', 'CC-TRAINING'] },
  { name: 'bob-sandbox', ou: 'Sandbox/Personal', state: 'released', mtd: ['209.20', undefined] },
  { name: 'carol-sandbox', ou: 'Sandbox/Personal', state: 'released', mtd: ['118.02', 'CC-SANDBOX'] },
  { name: 'dan-sandbox', ou: 'Sandbox/Personal', state: 'released', mtd: ['12.48', 'CC-SANDBOX'] },
  { name: 'erin-sandbox', ou: 'Sandbox/Personal', state: 'expired', mtd: ['203.07', 'CC-SANDBOX'] },
  { name: 'george-sandbox', ou: 'Sandbox/Personal' },
  { name: 'frank-sandbox', ou: 'Sandbox/Personal', closed: true },
  {
    name: 'data-team-sandbox',
    ou: 'Sandbox/Teams/DataScience',
    state: 'released',
    mtd: ['824.11', 'CC-DATA'],
  },
  { name: 'ml-team-sandbox', ou: 'Sandbox/Teams/DataScience', state: 'assigned', mtd: ['191.52', 'CC-ML'] },
  { name: 'platform-tools', ou: 'Workloads', state: 'released', mtd: ['234.26', 'CC-PLATFORM'] },
  { name: 'prod-payments', ou: 'Workloads', mtd: ['1167.55', 'CC-PAY'] },
  { name: 'legacy-sandbox', ou: '', mtd: ['60.94', undefined] },
];
const emailOf = (name: string) => `${name.replace(/-(sandbox)$/, '.$1')}@example.com`;

/** The activities of October 2026: on-boardings, the maintenance windows of both OUs, console sign-ins. */
function october(id: (name: string) => string): Activity[] {
  const out: Activity[] = [];
  const transaction = (
    kind: 'SuccessfulOnBoarding' | 'SuccessfulMaintenance',
    name: string,
    begin: string,
    seconds: number,
    costCenter?: string,
  ) =>
    out.push({
      kind,
      accountId: id(name),
      at: new Date(Date.parse(begin) + seconds * 1000).toISOString(),
      id: `${kind === 'SuccessfulOnBoarding' ? 'on-boarding' : 'maintenance'}-${name}-${begin.slice(0, 10)}`,
      begin,
      durationSeconds: seconds,
      ...(costCenter ? { costCenter } : {}),
    });
  transaction('SuccessfulOnBoarding', 'dan-sandbox', '2026-10-05T09:12:00.000Z', 2310, 'CC-SANDBOX');
  transaction('SuccessfulOnBoarding', 'ml-team-sandbox', '2026-10-19T14:03:00.000Z', 2868, 'CC-ML');
  // The monthly window of Sandbox/Personal; the cost center as each maintenance recorded it (bob's: none).
  for (const [name, seconds, costCenter] of [
    ['alice-sandbox', 3725, 'CC-TRAINING'],
    ['bob-sandbox', 2480, undefined],
    ['carol-sandbox', 3010, 'CC-SANDBOX'],
    ['erin-sandbox', 4150, 'CC-SANDBOX'],
  ] as const)
    transaction('SuccessfulMaintenance', name, '2026-10-10T02:00:00.000Z', seconds, costCenter);
  transaction('SuccessfulMaintenance', 'data-team-sandbox', '2026-10-17T02:00:00.000Z', 5420, 'CC-DATA');
  for (const [name, at, identity] of [
    ['alice-sandbox', '2026-10-06T08:41:17Z', 'alice'],
    ['alice-sandbox', '2026-10-20T13:02:45Z', 'alice'],
    ['bob-sandbox', '2026-10-14T16:20:09Z', 'bob'],
    ['data-team-sandbox', '2026-10-21T07:55:30Z', 'data-lead'],
    ['data-team-sandbox', '2026-10-22T09:10:02Z', 'data-scientist'],
    ['legacy-sandbox', '2026-10-27T11:30:00Z', 'old'],
  ] as const)
    out.push({ kind: 'ConsoleLogin', accountId: id(name), at, id: `login-${name}-${at}`, identity });
  return out;
}

/** The last console sign-ins the records keep, as of the inventory's day. */
const LAST_LOGINS: [string, string, string][] = [
  ['alice-sandbox', '2026-11-24T08:03:51Z', 'alice'],
  ['bob-sandbox', '2026-10-14T16:20:09Z', 'bob'],
  ['data-team-sandbox', '2026-11-26T10:44:12Z', 'data-lead'],
  ['platform-tools', '2026-11-02T15:17:38Z', 'platform-admin'],
];

/** The runtime's tables in the automation account, written through the runtime's own adapters. */
async function runtimeTables(desired: DesiredOrganization, endpoint: string, id: (name: string) => string) {
  const base = {
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const runtime = await connectRuntime(base, desired.settings, desired.environment);
  const names = runtimeNames(desired.environment);
  await createTables(runtime.clients, names);
  const caller = new AwsCaller();
  const records = new DynamoDbAccountRecords(
    runtime.clients.dynamodb,
    caller,
    names.recordsTable,
    names.deadlineIndex,
  );
  for (const a of ACCOUNTS)
    if (a.state)
      await records.write(
        { accountId: id(a.name), state: a.state, version: 1, updatedAt: '2026-11-01T00:00:00.000Z' },
        0,
      );
  for (const [name, at, identity] of LAST_LOGINS) await records.setConsoleLogin(id(name), { at, identity });
  const activities = new DynamoDbActivityStore(runtime.clients.dynamodb, caller, names.activitiesTable);
  for (const activity of october(id)) await activities.put(activity);
}

/** Runs the real `spa` on the settings copy, writing into the repository's reports/. */
async function report(args: string[], dir: string, gateway: Gateway, now: string): Promise<void> {
  const child = spawn(process.execPath, [spa, ...args, '--dir', dir, '--out', root], {
    env: { PATH: process.env.PATH ?? '', ...cliEnv(gateway.endpoint), SPA_NOW: now },
    stdio: 'inherit',
  });
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 3)));
  if (code !== 0) throw new Error(`spa ${args.join(' ')} exited ${code}`);
}

function compile(dir: string, gateway: Gateway): Promise<DesiredOrganization> {
  const child = spawn(process.execPath, [spa, 'compile', '--dir', dir], {
    env: { PATH: process.env.PATH ?? '', ...cliEnv(gateway.endpoint) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (c) =>
      c === 0
        ? resolve(JSON.parse(out) as DesiredOrganization)
        : reject(new Error(`spa compile exited ${c}`)),
    ),
  );
}

/** The organization, its accounts created one after the other: with moto's seeded ids, the same ids every time. */
async function organization(gateway: Gateway): Promise<(name: string) => string> {
  const aws = await testAws(gateway.endpoint, MGMT);
  const { rootId, ouIds } = await seedOrganization(aws, {
    ous: ['Sandbox', 'Sandbox/Personal', 'Sandbox/Teams', 'Sandbox/Teams/DataScience', 'Workloads'],
  });
  const ids = new Map<string, string>();
  for (const a of ACCOUNTS) {
    const created = await aws.organizations.send(
      new CreateAccountCommand({ Email: emailOf(a.name), AccountName: a.name }),
    );
    const id = created.CreateAccountStatus!.AccountId!;
    ids.set(a.name, id);
    if (a.ou)
      await aws.organizations.send(
        new MoveAccountCommand({
          AccountId: id,
          SourceParentId: rootId,
          DestinationParentId: ouIds.get(a.ou)!,
        }),
      );
    if (a.closed) await aws.organizations.send(new CloseAccountCommand({ AccountId: id }));
  }
  return (name) => ids.get(name)!;
}

const moto = await startMoto();
const seeded = await fetch(`${moto.endpoint}/moto-api/seed?a=2611`, { method: 'POST' });
if (!seeded.ok) throw new Error(`moto refused its seed: ${seeded.status}`);
const gateway = await startGateway(moto.endpoint);
const dir = mkdtempSync(join(tmpdir(), 'spa-sample-settings-'));
try {
  for (const part of [
    'settings.yaml',
    'organizational-units',
    'accounts',
    'tags-csv',
    'buildspecs',
    'schemas',
    'infra/policies',
  ])
    cpSync(join(root, part), join(dir, part), { recursive: true });
  const id = await organization(gateway);
  await runtimeTables(await compile(dir, gateway), gateway.endpoint, id);
  const items: LineItem[] = ACCOUNTS.flatMap((a) =>
    a.mtd
      ? [
          {
            account: id(a.name),
            service: 'Amazon Elastic Compute Cloud - Compute',
            usageType: 'EUW1-BoxUsage:m6i.large',
            recordType: 'Usage',
            amount: `${a.mtd[0]}00000000`,
            ...(a.mtd[1] ? { costCenter: a.mtd[1] } : {}),
          },
        ]
      : [],
  );
  await queueCostAnswers(
    moto.endpoint,
    MGMT,
    groupedPages(
      items,
      'costCenter',
      { start: '2026-11-01', end: '2026-11-28' },
      { pageSize: 100, tag: 'mtd' },
    ),
  );
  await report(['report', 'activities', '--month', '2026-10'], dir, gateway, '2026-11-01T03:42:00Z');
  await report(['report', 'inventory'], dir, gateway, '2026-11-28T03:23:00Z');
} finally {
  rmSync(dir, { recursive: true, force: true });
  await gateway.stop();
  await moto.stop();
}
