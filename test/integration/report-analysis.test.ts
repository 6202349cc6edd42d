import { join } from 'node:path';
import { CreateBudgetCommand } from '@aws-sdk/client-budgets';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_ACCOUNT } from '../helpers/cost-org.js';
import { costWorkspace, FOLDER, october, readCsv, toCents, type CsvRow } from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import {
  cents,
  isCredit,
  monthlyPages,
  queueCostAnswers,
  reportAnswers,
  sum,
  servicesAnswer,
  type LineItem,
} from '../support/cost-explorer.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const usage = (account: string, amount: string, service = EC2): LineItem => ({
  account,
  service,
  usageType: 'BoxUsage',
  recordType: 'Usage',
  amount,
});

/** The 12 months before October 2026, oldest first: [start, end) and the month's text. */
const PAST = Array.from({ length: 12 }, (_, i) => {
  const at = (k: number) => new Date(Date.UTC(2025, 9 + k, 1)).toISOString().slice(0, 10);
  return { start: at(i), end: at(i + 1), month: at(i).slice(0, 7) };
});

describe('spa report costs: the trend over 12 months', () => {
  it('gives each cost center and the organization per month, with the change on last month and last year', async () => {
    const ws = await costWorkspace(emulator);
    const id = (name: string) => ws.idOf(name);
    // Known answers: CC-TRAINING grows by 2.00 a month, CC-RESEARCH stays, CC-PLATFORM starts in June 2026,
    // a deleted account cost 5.00 in October 2025 only (NoCostCenter).
    const past = PAST.map((p, i) => ({
      ...p,
      items: [
        usage(id('alice-sandbox'), `${10 + i}.125`),
        usage(id('bob-sandbox'), `${i}.135`),
        usage(id('carol-lab'), '20.3333333333'),
        ...(p.month >= '2026-06' ? [usage(id('frank-prod'), '7.50')] : []),
        ...(i === 0 ? [usage(DELETED_ACCOUNT, '5.00')] : []),
      ],
    }));
    const month = october(ws);
    await queueCostAnswers(emulator.moto.endpoint, ws.managementAccountId, [
      ...reportAnswers(month),
      ...monthlyPages(past, { pageSize: 9, tag: 'trend' }),
    ]);
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);

    const folder = join(ws.dir, FOLDER);
    const summary = readCsv(join(folder, '2026-10-summary.csv'));
    const october_ = (center: string) =>
      toCents(summary.find((s) => s.Row === 'cost-center' && s['Cost Center'] === center)!['Amount (USD)']!);
    const trend = readCsv(join(folder, '2026-10-trend.csv'));
    const rowOf = (name: string) => trend.find((t) => t['Cost Center'] === name)!;
    const at = (row: CsvRow, month: string) => toCents(row[`${month} (USD)`]!);

    // Months before: per cost center exactly as queued; the report's month as the summary has it.
    const training = rowOf('CC-TRAINING');
    PAST.forEach((p, i) => expect(at(training, p.month), p.month).toBe(1026n + 200n * BigInt(i)));
    expect(at(training, '2026-10')).toBe(october_('CC-TRAINING'));
    expect(PAST.map((p) => at(rowOf('CC-RESEARCH'), p.month))).toEqual(PAST.map(() => 2033n));
    expect(PAST.map((p) => at(rowOf('CC-PLATFORM'), p.month))).toEqual(
      PAST.map((p) => (p.month >= '2026-06' ? 750n : 0n)),
    );
    expect(at(rowOf('NoCostCenter'), '2025-10')).toBe(500n);

    // The organization per month is Cost Explorer's sum to the cent, and the sum of its cost centers.
    const total = trend.find((t) => t.Row === 'total')!;
    const centers = trend.filter((t) => t.Row === 'cost-center');
    for (const [i, p] of PAST.entries()) {
      expect(at(total, p.month)).toBe(cents(sum(past[i]!.items)));
      expect(centers.reduce((s, c) => s + at(c, p.month), 0n)).toBe(at(total, p.month));
    }
    const octoberTotal = cents(sum(month.items, (l) => !isCredit(l)));
    expect(at(total, '2026-10')).toBe(octoberTotal);

    // Changes: against September 2026 and October 2025, in the currency and in percent (2 decimals).
    const sept = at(training, '2026-09');
    const lastYear = at(training, '2025-10');
    const now = at(training, '2026-10');
    expect(toCents(training['Month over Month (USD)']!)).toBe(now - sept);
    expect(toCents(training['Year over Year (USD)']!)).toBe(now - lastYear);
    const percent = (a: bigint, b: bigint) => Math.round((Number(a - b) / Number(b)) * 10000) / 100;
    expect(Number(training['Month over Month (%)'])).toBeCloseTo(percent(now, sept), 2);
    expect(Number(training['Year over Year (%)'])).toBeCloseTo(percent(now, lastYear), 2);
    // CC-PLATFORM cost nothing a year ago: no percent.
    expect(rowOf('CC-PLATFORM')['Year over Year (%)']).toBe('');
    expect(toCents(total['Year over Year (USD)']!)).toBe(octoberTotal - cents(sum(past[0]!.items)));

    // The month's 6 queries (services, usage types, record types, two totals, cost centers); one query over the 12
    // months, paged (5 pages of 9 groups), in place of last month's query; one for last month's services (the movers).
    const trendGroups = past.reduce((s, p) => s + new Set(p.items.map((l) => l.account)).size, 0);
    expect(r.stdout).toContain(`Cost Explorer requests: ${6 + Math.ceil(trendGroups / 9) + 1} `);

    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toContain("Last month's figures come from Cost Explorer");
    const tokens = new MarkdownIt().parse(readme, {});
    const fences = tokens.filter((t) => t.type === 'fence' && t.info === 'mermaid').map((t) => t.content);
    const chart = fences.find((f) => f.startsWith('xychart-beta\n'))!;
    const months = [...PAST.slice(1).map((p) => p.month), '2026-10'];
    expect(chart).toContain(`x-axis [${months.map((m) => `"${m}"`).join(', ')}]`);
    const line = /^\s*line \[(.*)\]$/m.exec(chart)![1]!.split(', ');
    expect(line.map(toCents)).toEqual(months.map((m) => at(total, m)));
    const totalLine = readme
      .split('\n')
      .find((l) => l.startsWith('| **Total** | ') && l.split('|').length > 10)!;
    const cells = totalLine
      .split('|')
      .slice(2, -1)
      .map((c) => c.trim());
    expect(cells).toHaveLength(14);
    expect(cells.slice(0, 12).map(toCents)).toEqual(months.map((m) => at(total, m)));
    expect(toCents(cells[12]!.split(' ')[0]!.replace('+', ''))).toBe(
      toCents(total['Month over Month (USD)']!),
    );
    const header = readme.split('\n').find((l) => l.startsWith('| Cost center | 2025-11 |'))!;
    expect(header).toContain('| 2026-10 | Month over month | Year over year |');
  });
});

describe('spa report costs: the movers against last month', () => {
  it('lists the accounts and services that rose, fell, started or stopped by at least the threshold', async () => {
    const ws = await costWorkspace(emulator, { moversThreshold: 5 });
    const id = (name: string) => ws.idOf(name);
    const S3 = 'Amazon Simple Storage Service';
    const september = [
      usage(id('alice-sandbox'), '100.00'),
      usage(id('bob-sandbox'), '50.00'),
      usage(id('carol-lab'), '30.00'),
      usage(id('dave-lab'), '8.00', S3),
    ];
    const october = [
      usage(id('alice-sandbox'), '130.00'),
      usage(id('alice-sandbox'), '3.00', 'AWS Lambda'),
      usage(id('bob-sandbox'), '45.01'),
      usage(id('carol-lab'), '10.00'),
      usage(id('frank-prod'), '25.00'),
    ];
    const sept = { start: '2026-09-01', end: '2026-10-01' };
    await queueCostAnswers(emulator.moto.endpoint, ws.managementAccountId, [
      ...reportAnswers({
        items: october,
        start: '2026-10-01',
        end: '2026-11-01',
        costCenters: ws.costCenters,
      }),
      ...monthlyPages([{ ...sept, items: september }], { pageSize: 100, tag: 'trend' }),
      servicesAnswer(september, sept),
    ]);
    // Budgets of the management account: ours (SpaTest-<account>), and more than a page of others.
    const budget = (name: string, account: string, amount: string) =>
      ws.aws.budgets.send(
        new CreateBudgetCommand({
          AccountId: ws.managementAccountId,
          Budget: {
            BudgetName: name,
            BudgetType: 'COST',
            TimeUnit: 'MONTHLY',
            BudgetLimit: { Amount: amount, Unit: 'USD' },
            CostFilters: { LinkedAccount: [account] },
          },
        }),
      );
    for (let n = 0; n < 101; n++) await budget(`Team-${n}`, id('bob-sandbox'), '1');
    await budget(`SpaTest-${id('alice-sandbox')}`, id('alice-sandbox'), '100');
    await budget(`SpaTest-${id('carol-lab')}`, id('carol-lab'), '50');
    await budget(`SpaTest-${id('frank-prod')}`, id('frank-prod'), '25.00');
    await budget(`SpaTest-${id('dave-lab')}`, id('dave-lab'), '0');
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);
    // The month's 5 queries, its cost centers, last month and last month's services.
    expect(r.stdout).toContain('Cost Explorer requests: 8 ');

    const movers = readCsv(join(ws.dir, FOLDER, '2026-10-movers.csv'));
    const view = (m: CsvRow) =>
      [
        m.Row,
        m.Movement,
        m.Account || m.Service,
        m['2026-09 (USD)'],
        m['2026-10 (USD)'],
        m['Change (USD)'],
        m['Change (%)'],
      ].join(' ');
    // bob fell by 4.99 and Lambda rose by 3.00: below the threshold of 5.00, not listed.
    expect(movers.map(view)).toEqual([
      `account rose ${id('alice-sandbox')} 100.00 133.00 33.00 33.00`,
      `account new ${id('frank-prod')} 0.00 25.00 25.00 `,
      `account fell ${id('carol-lab')} 30.00 10.00 -20.00 -66.67`,
      `account stopped ${id('dave-lab')} 8.00 0.00 -8.00 -100.00`,
      `service rose Amazon Elastic Compute Cloud - Compute 180.00 210.01 30.01 16.67`,
      `service stopped ${S3} 8.00 0.00 -8.00 -100.00`,
    ]);
    expect(movers[0]).toMatchObject({ 'Cost Center': 'CC-TRAINING', Name: 'alice-sandbox' });

    const readme = ws.read(`${FOLDER}/README.md`);
    const section = readme.slice(readme.indexOf('## Movers against 2026-09'));
    expect(section).toContain('changed by at least 5.00 USD (`reporting.moversThreshold`)');
    const under = (title: string) => section.slice(section.indexOf(title)).split('\n\n')[1]!;
    expect(under('### Accounts that rose most')).toContain(
      `| ${id('alice-sandbox')} | alice-sandbox | CC-TRAINING | 100.00 | 133.00 | +33.00 (+33.0%) |`,
    );
    expect(under('### Accounts that fell most')).toContain(`| ${id('carol-lab')} |`);
    expect(under('### New accounts')).toContain(
      `| ${id('frank-prod')} | frank-prod | CC-PLATFORM | 0.00 | 25.00 | +25.00 |`,
    );
    expect(under('### Accounts that stopped costing')).toContain(`| ${id('dave-lab')} |`);
    expect(under('### Services across the organization')).toContain(
      '| Amazon Elastic Compute Cloud - Compute | 180.00 | 210.01 | +30.01 (+16.7%) |',
    );

    // Every service across the organization, this month's largest first, adding up to the month's total.
    const services = readCsv(join(ws.dir, FOLDER, '2026-10-services.csv'));
    expect(
      services.map((m) =>
        [m.Row, m.Service, m['2026-09 (USD)'], m['2026-10 (USD)'], m['Change (USD)'], m['Change (%)']].join(
          ' ',
        ),
      ),
    ).toEqual([
      'total Total 188.00 213.01 25.01 13.30',
      'service Amazon Elastic Compute Cloud - Compute 180.00 210.01 30.01 16.67',
      'service AWS Lambda 0.00 3.00 3.00 ',
      `service ${S3} 8.00 0.00 -8.00 -100.00`,
    ]);
    const top = readme.slice(readme.indexOf('## Services across the organization'));
    expect(top).toContain('| AWS Lambda | 0.00 | 3.00 | +3.00 |');
    expect(top).toContain('| **Total** | 188.00 | **213.01** | +25.01 (+13.3%) |');

    // Budgets against actuals: over budget first, then by the share used.
    const budgets = readCsv(join(ws.dir, FOLDER, '2026-10-budgets.csv'));
    expect(
      budgets.map((b) =>
        [b.Account, b['Budget (USD)'], b['Actual (USD)'], b['Used (%)'], b['Over Budget']].join(' '),
      ),
    ).toEqual([
      `${id('alice-sandbox')} 100.00 133.00 133.00 over`,
      `${id('frank-prod')} 25.00 25.00 100.00 `,
      `${id('carol-lab')} 50.00 10.00 20.00 `,
      `${id('dave-lab')} 0.00 0.00  `,
    ]);
    const flagged = readme.slice(readme.indexOf('## Budgets against actuals'));
    expect(flagged).toContain('4 accounts with a monthly budget, **1 over budget**.');
    expect(flagged).toContain(
      `| ${id('alice-sandbox')} | alice-sandbox | CC-TRAINING | 100.00 | 133.00 | 133.00% | **over** |`,
    );
  });
});
