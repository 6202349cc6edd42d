import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newManagementAccountId, startEmulator, type Emulator } from '../helpers/org.js';
import { spa, writeTree } from '../helpers/cli.js';
import { cliEnv, testAws } from '../support/seed.js';
import { benchTree, seedSettled } from './bench-tree.js';

// The benchmarks seed large organizations already at their settings: spa must find nothing to do in them.
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe("the benchmarks' organization", () => {
  it('seeded at its settings, has nothing to plan', async () => {
    const mgmt = newManagementAccountId();
    const bench = benchTree(12, mgmt, (i) => `owner-${i % 3}@example.com`);
    await seedSettled(
      bench,
      await testAws(emulator.moto.endpoint, mgmt),
      await testAws(emulator.gateway.endpoint, mgmt),
    );
    const { dir, cleanup } = writeTree(bench.tree);
    try {
      const r = await spa(['plan', '--detailed-exitcode'], {
        cwd: dir,
        env: cliEnv(emulator.gateway.endpoint),
      });
      expect(r.stdout).toContain('Plan: no changes, 0 of 12 managed accounts touched');
      expect(r.code).toBe(0);
    } finally {
      cleanup();
    }
  });
});
