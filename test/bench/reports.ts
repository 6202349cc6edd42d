// spa report activities and spa report inventory over a large organization: the organization seeded in moto, the
// runtime's tables in the automation account (activities of a month, a released record per account, written in
// batches), the month to date queued in Cost Explorer with its cost allocation tag, each report made by the built
// CLI in a child process (wall time, CPU time and peak memory there).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { activityItem } from '../../engine/src/adapters/aws/activities-table.js';
import { connectRuntime } from '../../engine/src/adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import { createTables } from '../../engine/src/entrypoints/local/provision.js';
import { runtimeNames } from '../../engine/src/domain/runtime-names.js';
import { spaProcess, writeTree } from '../helpers/cli.js';
import { minimalTree } from '../helpers/tree.js';
import { startGateway, type Gateway } from '../support/aws-gateway.js';
import { groupedPages, queueCostAnswers, type LineItem } from '../support/cost-explorer.js';
import { startMoto } from '../support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../support/seed.js';

const PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@maxrss '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;
const MGMT = '300000000004';
const AUTOMATION = '300000000005';
type Item = Record<string, AttributeValue>;

export interface ReportBench {
  name: string;
  wallMs: number;
  cpuMs: number;
  peakMiB: number;
  calls: Record<string, number>;
}

function run(root: string, args: string[], cwd: string, env: Record<string, string>) {
  const started = process.hrtime.bigint();
  // SPA_BENCH_CPU_PROF=<folder> profiles each report (node --cpu-prof), to open in Chrome's DevTools.
  const profile = process.env.SPA_BENCH_CPU_PROF;
  const node = ['--import', PROBE, ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [])];
  const child = spawn(process.execPath, [...node, join(root, 'engine/bin/spa.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  return new Promise<{ code: number; ms: number; cpuMs: number; peakMiB: number; stderr: string }>(
    (resolve) =>
      child.once('close', (code) => {
        const m = /@@maxrss (\d+) (\d+)/.exec(stderr);
        resolve({
          code: code ?? 3,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          cpuMs: m ? Number(m[2]) / 1000 : NaN,
          peakMiB: m ? Number(m[1]) / 1024 : NaN,
          stderr,
        });
      }),
  );
}

/** 10 teams of a Sandbox OU. The reports read no account's tags: the accounts are seeded without, as in the costs bench. */
async function seed(gateway: Gateway, size: number, log: (s: string) => void): Promise<string[]> {
  const teams = Array.from({ length: 10 }, (_, i) => `Team${i}`);
  log(`seeding ${size} accounts in 11 OUs (not measured)`);
  const accounts = Array.from({ length: size }, (_, i) => ({
    name: `user-${String(i).padStart(5, '0')}`,
    email: `user-${i}@example.com`,
    ou: `Sandbox/${teams[i % teams.length]}`,
  }));
  const seeded = await seedOrganization(await testAws(gateway.endpoint, MGMT), {
    ous: ['Sandbox', ...teams.map((t) => `Sandbox/${t}`)],
    accounts,
  });
  return accounts.map((a) => seeded.accountIds.get(a.email)!);
}

/** Writes items 25 per `BatchWriteItem`, a few calls at once, until DynamoDB has processed every one. */
async function batchWrite(client: DynamoDBClient, table: string, items: Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt > 10) throw new Error(`BatchWriteItem on ${table}: items left unprocessed`);
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []).map((r) => ({
          PutRequest: { Item: r.PutRequest!.Item! },
        }));
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/**
 * The runtime's tables: one maintenance of October per account in five (the activities report reads them), a
 * released record per account (the inventory's states), in the items the adapters write.
 */
async function runtimeTables(dir: string, env: Record<string, string>, ids: string[], endpoint: string) {
  const compiled = spaProcess(['compile'], dir, env);
  if (compiled.code !== 0) throw new Error(`spa compile failed: ${compiled.stderr.slice(-2000)}`);
  const desired = JSON.parse(compiled.stdout) as DesiredOrganization;
  const base = {
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const runtime = await connectRuntime(base, desired.settings, desired.environment);
  const names = runtimeNames(desired.environment);
  await createTables(runtime.clients, names);
  const day = (i: number) => `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`;
  const activities = ids
    .filter((_, i) => i % 5 === 0)
    .map((accountId, i) =>
      activityItem({
        kind: 'SuccessfulMaintenance',
        accountId,
        at: `${day(i)}T02:30:00.000Z`,
        id: `maintenance-${accountId}`,
        begin: `${day(i)}T02:00:00.000Z`,
        durationSeconds: 1800,
      }),
    );
  await batchWrite(runtime.clients.dynamodb, names.activitiesTable, activities);
  // A released record as DynamoDbAccountRecords.write leaves it: state, version and updatedAt.
  const records = ids.map((accountId) => ({
    accountId: { S: accountId },
    state: { S: 'released' },
    version: { N: '1' },
    updatedAt: { S: '2026-10-01T00:00:00.000Z' },
  }));
  await batchWrite(runtime.clients.dynamodb, names.recordsTable, records);
}

/** Month-to-date costs of November for every account, in pages of 5,000 groups. */
function monthToDate(ids: string[]): object[] {
  const items: LineItem[] = ids.map((account, i) => ({
    account,
    service: 'AWS Lambda',
    usageType: 'x',
    recordType: 'Usage',
    amount: `${i % 97}.${String(i % 100).padStart(2, '0')}00000000`,
    costCenter: `CC-${String(i % 50).padStart(2, '0')}`,
  }));
  return groupedPages(
    items,
    'costCenter',
    { start: '2026-11-01', end: '2026-11-28' },
    { pageSize: 5000, tag: 'mtd' },
  );
}

/** Runs the reports asked (activities, inventory) once each on one seeded organization. */
export async function benchReports(
  root: string,
  size: number,
  kinds: readonly ('activities' | 'inventory')[],
  log: (s: string) => void,
): Promise<ReportBench[]> {
  const moto = await startMoto({ noFullCollections: true });
  const gateway = await startGateway(moto.endpoint);
  const tree = minimalTree({
    settings: {
      aws: {
        region: 'eu-west-1',
        managementAccountId: MGMT,
        managementRoleArn: `arn:aws:iam::${MGMT}:role/Spa`,
      },
      runtime: { account: AUTOMATION, bucket: `spa-runtime-${AUTOMATION}` },
      budgets: { alertTopicArn: `arn:aws:sns:us-east-1:${MGMT}:SpaBudgetAlerts` },
      reporting: { costExplorerCallsPerDay: 1000 },
    },
    ous: { Sandbox: { managed: true, budget: { amount: 150 } } },
  });
  const { dir, cleanup } = writeTree(tree);
  try {
    const ids = await seed(gateway, size, log);
    const env = cliEnv(gateway.endpoint);
    log('creating the runtime tables and the activities of October (not measured)');
    await runtimeTables(dir, env, ids, gateway.endpoint);
    const out: ReportBench[] = [];
    for (const kind of kinds) {
      const args =
        kind === 'activities' ? ['report', 'activities', '--month', '2026-10'] : ['report', 'inventory'];
      const now = kind === 'activities' ? '2026-11-01T03:42:00Z' : '2026-11-28T03:23:00Z';
      if (kind === 'inventory') await queueCostAnswers(moto.endpoint, MGMT, monthToDate(ids));
      log(`spa ${args.join(' ')}`);
      gateway.resetCounts();
      const r = await run(root, args, dir, { ...env, SPA_NOW: now });
      if (r.code !== 0) throw new Error(`spa ${args.join(' ')} failed (${r.code}): ${r.stderr.slice(-3000)}`);
      out.push({
        name: `spa report ${kind}, ${size.toLocaleString('en-US')} accounts`,
        wallMs: r.ms,
        cpuMs: r.cpuMs,
        peakMiB: r.peakMiB,
        calls: Object.fromEntries(gateway.calls),
      });
    }
    return out;
  } finally {
    cleanup();
    await gateway.stop();
    await moto.stop();
  }
}
