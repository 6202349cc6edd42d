import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_ACCOUNT } from '../helpers/cost-org.js';
import { costWorkspace, FOLDER, readCsv } from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { queueCostAnswers, reportAnswers, type LineItem } from '../support/cost-explorer.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const usage = (account: string, amount: string): LineItem => ({
  account,
  service: 'Amazon Elastic Compute Cloud - Compute',
  usageType: 'BoxUsage',
  recordType: 'Usage',
  amount,
});

describe('spa report costs: subtotals per organizational unit', () => {
  it('gives each OU its amount, share and cost centers, adding up to the total', async () => {
    const ws = await costWorkspace(emulator);
    const id = (name: string) => ws.idOf(name);
    // Known answers: Sandbox/Personal holds two CC-TRAINING accounts and one without a cost center.
    const items = [
      usage(id('alice-sandbox'), '100.00'),
      usage(id('bob-sandbox'), '50.25'),
      usage(id('erin-sandbox'), '10.00'),
      usage(id('carol-lab'), '30.00'),
      usage(id('dave-lab'), '20.00'),
      usage(id('frank-prod'), '40.00'),
      usage(DELETED_ACCOUNT, '5.00'),
    ];
    await queueCostAnswers(emulator.moto.endpoint, ws.managementAccountId, [
      ...reportAnswers({ items, start: '2026-10-01', end: '2026-11-01', costCenters: ws.costCenters }),
    ]);
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);

    const ous = readCsv(join(ws.dir, FOLDER, '2026-10-organizational-units.csv'));
    const view = (o: Record<string, string>) =>
      [
        o.Row,
        o['Organizational Unit'],
        o['Cost Center'],
        o.Accounts,
        o['2026-10 (USD)'],
        o['Share (%)'],
      ].join(' | ');
    expect(ous.map(view)).toEqual([
      'total | Total |  | 7 | 255.25 | ',
      'organizational-unit | Sandbox/Personal |  | 3 | 160.25 | 62.78',
      'cost-center | Sandbox/Personal | CC-TRAINING | 2 | 150.25 | ',
      'cost-center | Sandbox/Personal | NoCostCenter | 1 | 10.00 | ',
      'organizational-unit | Workloads/Prod |  | 1 | 40.00 | 15.67',
      'cost-center | Workloads/Prod | CC-PLATFORM | 1 | 40.00 | ',
      'organizational-unit | Sandbox/Teams/DataScience |  | 1 | 30.00 | 11.75',
      'cost-center | Sandbox/Teams/DataScience | CC-RESEARCH | 1 | 30.00 | ',
      'organizational-unit | Sandbox/Teams |  | 1 | 20.00 | 7.84',
      'cost-center | Sandbox/Teams | CC-RESEARCH | 1 | 20.00 | ',
      'organizational-unit | (not in the organization) |  | 1 | 5.00 | 1.96',
      'cost-center | (not in the organization) | NoCostCenter | 1 | 5.00 | ',
    ]);
    // The total is the summary's.
    const summary = readCsv(join(ws.dir, FOLDER, '2026-10-summary.csv'));
    expect(summary.find((s) => s.Row === 'total')!['Amount (USD)']).toBe('255.25');

    const readme = ws.read(`${FOLDER}/README.md`);
    const section = readme.slice(
      readme.indexOf('## Organizational units (UnblendedCost, without credits and refunds)'),
    );
    expect(section).toContain(
      '| Sandbox/Personal | 3 | 160.25 | 62.78% | CC-TRAINING 150.25, NoCostCenter 10.00 |',
    );
    expect(section).toContain('| **Total** | 7 | **255.25** | | |');
  });
});
