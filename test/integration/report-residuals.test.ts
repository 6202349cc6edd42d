import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CostExplorerClient, type GetCostAndUsageCommandInput } from '@aws-sdk/client-cost-explorer';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCostExplorer } from '../../engine/src/adapters/aws/cost-explorer.js';
import { AwsCaller } from '../../engine/src/adapters/aws/retry.js';
import { readResidualCosts, RESIDUAL_ACCOUNTS_PER_QUERY } from '../../engine/src/reports/costs/residuals.js';
import { costWorkspace, october, queueMonth, readCsv, september, toCents } from '../helpers/cost-report.js';
import { newManagementAccountId, startEmulator, type Emulator } from '../helpers/org.js';
import { putTransactions, reportWorld, type ReportWorld } from '../helpers/report-world.js';
import {
  dailyPages,
  queueCostAnswers,
  reportAnswers,
  type DayItems,
  type LineItem,
} from '../support/cost-explorer.js';
import { withLibreOffice, xlsxToCsv } from '../support/libreoffice.js';
import { testAws } from '../support/seed.js';

const FOLDER = 'reports/costs/2026/2026-10';
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const S3 = 'Amazon Simple Storage Service';
const NAT = 'Amazon Virtual Private Cloud';

let emulator: Emulator;
let w: ReportWorld;
beforeAll(async () => {
  emulator = await startEmulator();
  w = await reportWorld(emulator, { reporting: { costExplorerCallsPerDay: 40, residualCostThreshold: 2 } });
});
afterAll(async () => {
  await emulator?.stop();
});

const item = (account: string, service: string, amount: string, recordType = 'Usage'): LineItem => ({
  account,
  service,
  usageType: 'x',
  recordType,
  amount,
});
const day = (d: number, items: LineItem[]): DayItems => ({
  day: `2026-10-${String(d).padStart(2, '0')}`,
  items,
});

describe('spa report costs: purges that left costs', () => {
  it('sums each purged account from the day after its purge to the month end, flagged at or above the threshold', async () => {
    const id = (name: string) => w.idOf(name);
    // alice purged on the 20th, carol on the 25th, erin on the 30th; bob on-boarded (no purge).
    await putTransactions(w, [
      {
        kind: 'SuccessfulMaintenance',
        account: id('alice'),
        begin: '2026-10-20T02:00:00.000Z',
        seconds: 3725,
      },
      {
        kind: 'SuccessfulMaintenance',
        account: id('carol'),
        begin: '2026-10-25T02:00:00.000Z',
        seconds: 1800,
      },
      {
        kind: 'SuccessfulMaintenance',
        account: id('erin'),
        begin: '2026-10-30T23:00:00.000Z',
        seconds: 1200,
      },
      { kind: 'SuccessfulOnBoarding', account: id('bob'), begin: '2026-10-22T02:00:00.000Z', seconds: 600 },
    ]);
    await w.rt.runUntilIdle();
    // Cost Explorer answers from the day after the earliest purge (the 21st): carol's days up to her purge day
    // (the 25th, its own cost) are left out, as is every day of bob, who was not purged.
    const days = [
      day(21, [
        item(id('alice'), EC2, '3.1000000000'),
        item(id('carol'), EC2, '40.00'),
        item(id('bob'), S3, '9.00'),
      ]),
      day(22, [item(id('alice'), EC2, '3.1000000000'), item(id('alice'), S3, '0.0123456789')]),
      day(25, [item(id('carol'), EC2, '12.00'), item(id('alice'), NAT, '1.0833333333')]),
      day(26, [item(id('carol'), S3, '1.2345'), item(id('carol'), 'Tax', '0.50', 'Tax')]),
      day(27, [item(id('carol'), S3, '0.2554'), item(id('carol'), EC2, '-5.00', 'Credit')]),
      day(31, [item(id('erin'), NAT, '1.9999999999'), item(id('alice'), NAT, '0.0000000001')]),
    ];
    const october = [
      item(id('alice'), EC2, '50.00'),
      item(id('carol'), EC2, '60.00'),
      item(id('erin'), NAT, '2.00'),
    ];
    await queueCostAnswers(
      emulator.moto.endpoint,
      w.ws.managementAccountId,
      reportAnswers({
        items: october,
        start: '2026-10-01',
        end: '2026-11-01',
        costCenters: { [id('alice')]: 'CC-TRAINING', [id('carol')]: 'CC-RESEARCH' },
        residuals: { days, pageSize: 4 },
      }),
    );
    const r = await w.ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-14T07:00:00Z' });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);
    // The month's 6 queries, last month's accounts and services, then one DAILY question in 3 pages of 4 groups.
    expect(r.stdout).toContain('Cost Explorer requests: 11 ');

    const rows = readCsv(join(w.ws.dir, FOLDER, '2026-10-purge-residuals.csv'));
    const view = rows.map((x) => [x.Account, x.Service, toCents(x['Residual (USD)']!), x.Over]);
    // alice: 3.10 + 3.10 + 0.0123456789 + 1.0833333333 + 0.0000000001 = 7.2956790123, 7.30 split to the cent
    // (NAT's larger remainder takes the cent); carol: 1.4899 + 0.50 = 1.9899, her credit left out.
    expect(view).toEqual([
      [id('alice'), EC2, 620n, 'over'],
      [id('alice'), NAT, 109n, 'over'],
      [id('alice'), S3, 1n, 'over'],
      [id('erin'), NAT, 200n, 'over'],
      [id('carol'), S3, 149n, ''],
      [id('carol'), 'Tax', 50n, ''],
    ]);
    expect(rows[0]).toMatchObject({
      Row: 'account-service',
      Name: 'alice',
      'Cost Center': 'CC-TRAINING',
      'Purge Ended (UTC)': '2026-10-20T03:02:05.000Z',
      'Counted From': '2026-10-21',
    });
    expect(rows.find((x) => x.Account === id('carol'))!['Counted From']).toBe('2026-10-26');

    const readme = readFileSync(join(w.ws.dir, FOLDER, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Purges that left costs'));
    expect(section).toContain('## Purges that left costs (UnblendedCost, without credits and refunds)');
    expect(section).toContain(
      '3 accounts purged in 2026-10, each with its cost from the day after its purge ended to 2026-10-31: **2 at or above 2.00 USD** (`reporting.residualCostThreshold`).',
    );
    expect(section).toContain('`buildspecs/purge.yml`');
    expect(section).toContain(
      `| ${id('alice')} | alice | CC-TRAINING | 2026-10-20 03:02 | 11 | 7.30 | ${EC2} 6.20, ${NAT} 1.09, ${S3} 0.01 | **over** |`,
    );
    expect(section).toContain(
      `| ${id('erin')} | erin | NoCostCenter | 2026-10-30 23:20 | 1 | 2.00 | ${NAT} 2.00 | **over** |`,
    );
    expect(section).toContain(
      `| ${id('carol')} | carol | CC-RESEARCH | 2026-10-25 02:30 | 6 | 1.99 | ${S3} 1.49, Tax 0.50 |  |`,
    );
    expect(readme).toContain('[Purges that left costs (CSV)](2026-10-purge-residuals.csv)');
  });

  it.runIf(withLibreOffice())('opens in LibreOffice without error cells, with the amounts of the CSV', () => {
    const file = join(w.ws.dir, FOLDER, '2026-10-purge-residuals.xlsx');
    const [header, ...rows] = (parse as (text: string, options: object) => string[][])(
      readFileSync(xlsxToCsv([file]).get(file)!, 'utf8'),
      {
        bom: true,
        relax_column_count: true,
      },
    );
    const csv = readCsv(join(w.ws.dir, FOLDER, '2026-10-purge-residuals.csv'));
    expect(header).toEqual(Object.keys(csv[0]!).slice(1));
    expect(rows.flat().filter((cell) => /^(#|Err:)/.test(cell))).toEqual([]);
    const at = header!.indexOf('Residual (USD)');
    expect(rows.map((row) => toCents(row[at]!))).toEqual(csv.map((row) => toCents(row['Residual (USD)']!)));
    expect(rows.map((row) => row[0])).toEqual(csv.map((row) => row.Account));
  });

  it('asks Cost Explorer nothing more when no account was purged in the month, and says so', async () => {
    await queueCostAnswers(
      emulator.moto.endpoint,
      w.ws.managementAccountId,
      reportAnswers({ items: [item(w.idOf('alice'), EC2, '10.00')], start: '2026-09-01', end: '2026-10-01' }),
    );
    const r = await w.ws.spa(['report', 'costs', '--month', '2026-09'], { SPA_NOW: '2026-11-14T07:00:00Z' });
    expect(r.code).toBe(0);
    // The month's 6 queries, last month's accounts and services: no DAILY question.
    expect(r.stdout).toContain('Cost Explorer requests: 8 ');
    const readme = readFileSync(join(w.ws.dir, 'reports/costs/2026/2026-09/README.md'), 'utf8');
    expect(readme).toContain(
      'No account was purged in 2026-09 (no maintenance ended in the activities table).',
    );
    expect(readCsv(join(w.ws.dir, 'reports/costs/2026/2026-09/2026-09-purge-residuals.csv'))).toEqual([]);
  });
});

describe('spa report costs before the runtime is deployed', () => {
  it('says in the section that the purges were not read, and makes the rest of the report', async () => {
    // settings.yaml names the automation account; its runtime (the activities table) does not exist yet.
    const ws = await costWorkspace(
      emulator,
      {},
      {
        runtime: { account: '210987654321', bucket: 'spa-runtime-210987654321' },
      },
    );
    await queueMonth(emulator, ws, october(ws), september(ws));
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-14T07:00:00Z' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The month's 6 queries, last month's accounts and services: no DAILY question.
    expect(r.stdout).toContain('Cost Explorer requests: 8 ');
    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toMatch(
      /The purges of 2026-10 were not read: the runtime's activities table \S+-activities does not exist \(deploy the runtime \(infra\/README\.md\)/,
    );
    expect(readme).toContain('## Cost centers');
    expect(existsSync(join(ws.dir, FOLDER, '2026-10-purge-residuals.csv'))).toBe(false);
  });
});

describe('the residual question', () => {
  it(`names at most ${RESIDUAL_ACCOUNTS_PER_QUERY} accounts in its filter, DAILY, and counts every page`, async () => {
    const management = newManagementAccountId();
    const { credentials } = await testAws(emulator.moto.endpoint, management);
    const client = new CostExplorerClient({
      endpoint: emulator.moto.endpoint,
      region: 'us-east-1',
      credentials,
    });
    const asked: GetCostAndUsageCommandInput[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        asked.push(args.input as GetCostAndUsageCommandInput);
        return next(args);
      },
      { step: 'initialize' },
    );
    const ce = new AwsCostExplorer(client, new AwsCaller(), 10);
    const purges = Array.from({ length: RESIDUAL_ACCOUNTS_PER_QUERY + 1 }, (_, i) => ({
      accountId: String(500000000000 + i),
      end: '2026-10-10T03:00:00.000Z',
      count: 1,
    }));
    const last = purges.at(-1)!.accountId;
    await queueCostAnswers(emulator.moto.endpoint, management, [
      ...dailyPages([day(11, [item('500000000000', EC2, '1.25'), item('500000000001', S3, '0.75')])], {
        pageSize: 1,
        tag: 'first',
      }),
      ...dailyPages([day(12, [item(last, EC2, '2.50')])], { pageSize: 1, tag: 'second' }),
    ]);
    const costs = await readResidualCosts(
      ce,
      purges,
      { start: '2026-10-11', end: '2026-11-01' },
      {
        includeCredits: false,
        metric: 'UnblendedCost',
      },
    );
    expect(ce.requests).toBe(3);
    expect(
      asked.map((q) => [q.Granularity, q.TimePeriod, (q.Filter?.And?.[1]?.Dimensions?.Values ?? []).length]),
    ).toEqual([
      ['DAILY', { Start: '2026-10-11', End: '2026-11-01' }, RESIDUAL_ACCOUNTS_PER_QUERY],
      ['DAILY', { Start: '2026-10-11', End: '2026-11-01' }, RESIDUAL_ACCOUNTS_PER_QUERY],
      ['DAILY', { Start: '2026-10-11', End: '2026-11-01' }, 1],
    ]);
    expect(asked[0]!.Filter?.And?.[0]).toEqual({
      Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } },
    });
    expect(asked[2]!.Filter?.And?.[1]?.Dimensions).toEqual({ Key: 'LINKED_ACCOUNT', Values: [last] });
    expect(asked[0]!.GroupBy).toEqual([
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ]);
    expect([...costs.keys()]).toEqual(['500000000000', '500000000001', last]);
  });
});
