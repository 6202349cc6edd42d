import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costWorkspace, FOLDER, october, queueMonth, readCsv, september } from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('spa report costs, the organization listed while Cost Explorer is read', () => {
  it('asks Cost Explorer before the organization is listed whole, and reports every account where it is', async () => {
    const ws = await costWorkspace(emulator);
    await queueMonth(emulator, ws, october(ws), september(ws));
    emulator.gateway.resetCounts();
    // Each listing page waits (20 s at most) for Cost Explorer's first answer: a report that listed the
    // organization before asking Cost Explorer would only go on when the wait runs out.
    let pagesBeforeCostExplorer = 0;
    let costExplorerFirst = false;
    emulator.gateway.setIntercept('ListAccountsForParent', async () => {
      const answered = emulator.gateway.waitFor(['GetCostAndUsage'], 1).then(() => true);
      const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000).unref());
      const first = await Promise.race([answered, late]);
      if (!first) pagesBeforeCostExplorer++;
      costExplorerFirst ||= first;
      return undefined;
    });
    try {
      const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
      expect(r.stderr).not.toMatch(/^spa: /m);
      expect(r.code).toBe(0);
      expect(costExplorerFirst).toBe(true);
      expect(pagesBeforeCostExplorer).toBe(0);
      const summary = readCsv(join(ws.dir, FOLDER, '2026-10-summary.csv')).filter(
        (row) => row.Row === 'account',
      );
      expect(summary.find((a) => a.Account === ws.idOf('alice-sandbox'))).toMatchObject({
        'Organizational Unit': 'Sandbox/Personal',
        Name: 'alice-sandbox',
        State: 'active',
      });
    } finally {
      emulator.gateway.setIntercept('ListAccountsForParent', undefined);
      ws.cleanup();
    }
  }, 120_000);

  it('fails with the listing error and writes nothing when the organization cannot be listed', async () => {
    const ws = await costWorkspace(emulator);
    await queueMonth(emulator, ws, october(ws), september(ws));
    emulator.gateway.setFaults({ alwaysFail: ['ListAccountsForParent'] });
    try {
      const r = await ws.spa(['report', 'costs', '--month', '2026-10'], {
        SPA_NOW: '2026-11-06T07:00:00Z',
        SPA_AWS_MAX_ATTEMPTS: '2',
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('spa: AWS ListAccountsForParent failed after 2 attempts: InternalFailure');
      expect(existsSync(join(ws.dir, FOLDER))).toBe(false);
    } finally {
      emulator.gateway.setFaults(undefined);
      ws.cleanup();
    }
  }, 120_000);
});
