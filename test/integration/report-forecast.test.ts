import type { GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCostExplorer } from '../../engine/src/adapters/aws/cost-explorer.js';
import { AwsCaller } from '../../engine/src/adapters/aws/retry.js';
import { fileTableWriter } from '../../engine/src/adapters/reports/table-writer.js';
import { makeCostReport } from '../../engine/src/reports/costs/make-cost-report.js';
import { parseMonth } from '../../engine/src/reports/month.js';
import { newManagementAccountId, startEmulator, type Emulator } from '../helpers/org.js';
import { withLibreOffice, xlsxToCsv } from '../support/libreoffice.js';
import { testAws } from '../support/seed.js';
import { queueCostAnswers, reportAnswers, type LineItem } from '../support/cost-explorer.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const usage = (account: string, amount: string, costCenter: string): LineItem => ({
  account,
  service: 'AWS Lambda',
  usageType: 'Lambda-GB-Second',
  recordType: 'Usage',
  amount,
  costCenter,
});

/** GetCostAndUsage from moto; GetCostForecast, which moto lacks, answered by the client: 100.00 per account. */
async function costExplorer(
  account: string,
  asked: { accounts: string[]; start: string; end: string; metric: string }[],
) {
  const { credentials } = await testAws(emulator.moto.endpoint, account);
  const client = new CostExplorerClient({
    endpoint: emulator.moto.endpoint,
    region: 'us-east-1',
    credentials,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'GetCostForecastCommand') return next(args);
      const input = args.input as GetCostForecastCommand['input'];
      const accounts = input.Filter?.Dimensions?.Values ?? [];
      asked.push({
        accounts,
        start: input.TimePeriod!.Start!,
        end: input.TimePeriod!.End!,
        metric: input.Metric!,
      });
      const amount = accounts.includes('333333333333') ? undefined : `${100 * accounts.length}.004`;
      if (amount === undefined)
        throw Object.assign(new Error('not enough data'), { name: 'DataUnavailableException' });
      return { output: { Total: { Amount: amount, Unit: 'USD' }, $metadata: {} }, response: {} };
    },
    { step: 'initialize' },
  );
  return new AwsCostExplorer(client, new AwsCaller(), 100);
}

/** The cost report of `month` made at `now` over `items`, and the forecasts it asked for. */
async function reportOf(account: string, items: LineItem[], month: string, now: string) {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  await queueCostAnswers(
    emulator.moto.endpoint,
    account,
    reportAnswers({ items, start: `${month}-01`, end }),
  );
  const asked: { accounts: string[]; start: string; end: string; metric: string }[] = [];
  const report = await makeCostReport(
    {
      month: parseMonth(month),
      now: new Date(now),
      costCenterTag: 'cost-center',
      includeCredits: false,
      currencies: [],
      moversThreshold: 10,
      costMetric: 'UnblendedCost',
    },
    {
      costs: await costExplorer(account, asked),
      accounts: [],
      store: { read: () => Promise.resolve(undefined) },
      writer: fileTableWriter,
    },
  );
  return { report, asked };
}

describe('spa report costs: the forecast of a month not over yet', () => {
  it('adds Cost Explorer forecast of the rest of the month to each cost center cost to date', async () => {
    const account = newManagementAccountId();
    const items = [
      usage('111111111111', '40.00', 'CC-A'),
      usage('222222222222', '10.50', 'CC-A'),
      usage('444444444444', '7.25', 'CC-B'),
      usage('333333333333', '3.00', 'CC-NEW'),
    ];
    const { report, asked } = await reportOf(account, items, '2026-10', '2026-10-20T09:00:00Z');
    expect(report.status).toBe('preliminary');
    // One forecast per cost center, on its accounts, from today to the end of the month, in the report's metric.
    expect(asked.map((a) => [a.accounts.sort().join(','), a.start, a.end, a.metric])).toEqual([
      ['111111111111,222222222222', '2026-10-20', '2026-11-01', 'UNBLENDED_COST'],
      ['444444444444', '2026-10-20', '2026-11-01', 'UNBLENDED_COST'],
      ['333333333333', '2026-10-20', '2026-11-01', 'UNBLENDED_COST'],
    ]);
    const file = (name: string) =>
      new TextDecoder().decode(report.files.find((f) => f.path.endsWith(name))!.content);
    const rows = parse<Record<string, string>>(file('2026-10-forecast.csv'), { bom: true, columns: true });
    expect(rows.map((r) => Object.values(r).join(' '))).toEqual([
      'cost-center CC-A 50.50 200.00 250.50',
      'cost-center CC-B 7.25 100.00 107.25',
      'cost-center CC-NEW 3.00  ',
    ]);
    if (withLibreOffice()) {
      // LibreOffice evaluates the month end (a SUM of the row) to the CSV's amounts.
      const xlsx = join(mkdtempSync(join(tmpdir(), 'spa-forecast-')), '2026-10-forecast.xlsx');
      writeFileSync(xlsx, report.files.find((f) => f.path.endsWith('2026-10-forecast.xlsx'))!.content);
      const csv: unknown = parse(readFileSync(xlsxToCsv([xlsx]).get(xlsx)!, 'utf8'), { bom: true });
      const evaluated = csv as string[][];
      expect(evaluated.slice(1).map((r) => r.join(' ').trim())).toEqual([
        'CC-A 50.50 200.00 250.50',
        'CC-B 7.25 100.00 107.25',
        'CC-NEW 3.00',
      ]);
    }
    const readme = file('README.md');
    expect(readme).toContain("## Forecast of the month's end (UnblendedCost, without credits and refunds)");
    expect(readme).toContain('| CC-A | 50.50 | 200.00 | 250.50 |');
    expect(readme).toContain('| CC-NEW | 3.00 | - | - |');
  });

  it('leaves the forecast out once the month is over', async () => {
    const account = newManagementAccountId();
    const items = [usage('111111111111', '40.00', 'CC-A')];
    const { report, asked } = await reportOf(account, items, '2026-09', '2026-10-06T09:00:00Z');
    expect(report.status).toBe('preliminary');
    expect(asked).toEqual([]);
    expect(report.files.some((f) => f.path.includes('forecast'))).toBe(false);
  });
});
