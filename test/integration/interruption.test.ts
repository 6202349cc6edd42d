import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack } from '../support/seed.js';
import { repoRoot } from '../helpers/tree.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('an apply killed midway', () => {
  it('converges when planned and applied again, without a duplicate account or budget', async () => {
    const names = Array.from({ length: 24 }, (_, i) => `new-${String(i).padStart(2, '0')}`);
    const settings = {
      ous: { Sandbox: { managed: true }, 'Sandbox/Personal': {} },
      defaults: { budget: { amount: 100 } },
      accounts: Object.fromEntries(
        names.map((n) => [n, { organizationalUnit: 'Sandbox/Personal', tags: { owner: n } }]),
      ),
    };
    const ws = await workspace(emulator, { ous: ['Sandbox'] }, minimalFor(settings));
    try {
      const { plan } = await ws.plan();
      expect(plan.summary.byAction).toMatchObject({
        'create-ou': 1,
        'create-account': 24,
        'move-account': 24,
        'start-lifecycle': 24,
        'create-budget': 24,
      });

      emulator.gateway.resetCounts();
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'engine/bin/spa.js'), 'apply', 'plan.json', '--allow-large'],
        {
          cwd: ws.dir,
          env: { PATH: process.env.PATH ?? '', ...ws.env },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<string | null>((resolve) =>
        child.once('exit', (_code, signal) => resolve(signal)),
      );
      // Kill -9 once a third of the writes went through: some accounts exist, some are half set up.
      await Promise.race([
        emulator.gateway.waitFor(['CreateAccount', 'MoveAccount', 'TagResource', 'CreateBudget'], 30),
        exited,
      ]);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const half = await readBack(ws.aws);
      const created = half.accounts.filter((a) => a.email.startsWith('new-')).length;
      expect(created).toBeGreaterThan(0);

      const again = await ws.plan();
      expect(again.plan.summary.byAction['create-account'] ?? 0).toBe(24 - created);
      const { outcome } = await ws.apply(['--allow-large']);
      expect(outcome.summary.failed).toBe(0);
      expect((await ws.plan()).plan.changes).toEqual([]);

      const aws = await readBack(ws.aws);
      const emails = aws.accounts.map((a) => a.email).filter((e) => e.startsWith('new-'));
      expect(emails.sort()).toEqual(names.map((n) => `${n}@example.com`));
      expect(
        aws.accounts
          .filter((a) => a.email.startsWith('new-'))
          .every((a) => a.parentPath === 'Sandbox/Personal' && a.tags['account-state'] === 'vanilla'),
      ).toBe(true);
      expect(aws.budgets).toHaveLength(24);
      expect(new Set(aws.budgets.map((b) => b.name)).size).toBe(24);
    } finally {
      ws.cleanup();
    }
  }, 120_000);
});
