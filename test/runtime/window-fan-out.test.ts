import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingAccounts } from '../helpers/fan-out.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld } from '../helpers/runtime.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

// The full 2,000 accounts run in `npm run bench`; here a size that keeps the suite fast, over many pages.
const PER_OU = 25;
const names = (ou: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `${ou}-${i}`,
    email: `${ou}-${i}@example.com`.toLowerCase(),
  }));

describe('the maintenance window fans out through the queue', () => {
  it(
    'sends one message per managed account of its OUs, one page of accounts per invocation',
    { timeout: 180_000 },
    async () => {
      const counting = countingAccounts();
      const seed = {
        ous: ['Sandbox', 'Sandbox/Team', 'Sandbox/Team/Nested', 'Lab', 'Other'],
        accounts: [
          ...names('Sandbox', PER_OU).map((a) => ({ ...a, ou: 'Sandbox' })),
          // No file for Sandbox/Team/Nested: it takes the window of Sandbox/Team, which has a file.
          ...names('Nested', PER_OU).map((a) => ({ ...a, ou: 'Sandbox/Team/Nested' })),
          ...names('Lab', 10).map((a) => ({ ...a, ou: 'Lab' })),
          ...names('Other', 10).map((a) => ({ ...a, ou: 'Other' })),
        ],
      };
      const w = await runtimeWorld(
        emulator,
        seed,
        {
          settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' },
          ous: {
            Sandbox: { managed: true },
            'Sandbox/Team': {},
            Lab: { managed: true, maintenanceWindow: 'cron(0 6 ? * MON *)' },
            Other: { managed: false },
          },
          defaults: { organizationalUnit: 'Other' },
          accounts: { 'Other-0': {} },
        },
        // Long enough that no message comes back while its batch is handled (SQS delivers at least once).
        { consumerOf: counting.consumerOf, visibilityTimeoutSeconds: 60 },
      );
      await w.rt.fire('Sandbox');
      await w.rt.runUntilIdle();
      // Every account below Sandbox (Nested has no file: it takes the window of Sandbox/Team, whose file gives
      // none, so Sandbox's), and the account file of Other (an unmanaged OU of the same window); not Lab's.
      const expected = seed.accounts
        .filter((a) => a.ou.startsWith('Sandbox') || a.name === 'Other-0')
        .map((a) => w.ws.seeded.accountIds.get(a.email)!);
      // SQS delivers at least once (the account handler is idempotent on the window and the account): distinct.
      expect([...new Set(counting.accounts)].sort()).toEqual(expected.sort());
      // The window's OUs: Sandbox, Sandbox/Team, Sandbox/Team/Nested and Other; 25 accounts make 2 pages of 20.
      const results = w.logs
        .map((l) => JSON.parse(l) as { message: string; result?: { outcome: string; messages: number } })
        .filter((l) => l.message === 'handled' && l.result?.outcome === 'fanned-out')
        .map((l) => l.result!.messages);
      expect(results[0]).toBe(4);
      expect(Math.max(...results)).toBeLessThanOrEqual(21);
      // One invocation per page: Sandbox 2, Sandbox/Team 1 (empty), Nested 2, Other 1; and the window itself.
      expect(results).toHaveLength(1 + 2 + 1 + 2 + 1);
    },
  );
});
