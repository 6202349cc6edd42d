import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld } from '../helpers/runtime.js';
import { readBack, tagAccount } from '../support/seed.js';

/**
 * The lifecycle writes an account's tags when it on-boards it; the plan writes them too. Both go through the same
 * desired tags and tag diff, so that after the lifecycle's writes the next plan has nothing to change, in both tag
 * policies: additive (hand-written tags stay) and authoritative (undeclared tags go).
 */
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const settingsFor = (mode: 'additive' | 'authoritative') => ({
  defaults: {
    organizationalUnit: 'Sandbox',
    preparation: { enabled: true },
    purge: { enabled: true },
  },
  settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)', tagPolicy: { mode } },
  ous: { Sandbox: { managed: true } },
  accounts: { alice: { unsetTags: ['temporary'] } },
});

describe('the lifecycle and the plan write the same tags', () => {
  it.each(['additive', 'authoritative'] as const)(
    'in the %s mode: after on-boarding, the next plan changes no tag',
    async (mode) => {
      const w = await runtimeWorld(emulator, { ous: ['Sandbox'] }, settingsFor(mode));
      await w.ws.plan();
      expect((await w.ws.apply(['--allow-large'])).outcome.outcome).toBe('applied');
      const alice = (await readBack(w.ws.aws)).accounts.find((a) => a.email === 'alice@example.com')!.id;
      // Someone tags the new account by hand before the lifecycle on-boards it.
      await tagAccount(w.ws.aws, alice, { stray: 'by-hand', temporary: 'until-friday' });
      await w.rt.runUntilIdle();
      expect((await w.record(alice))?.state).toBe('released');
      const tags = await w.tags(alice);
      expect(tags.temporary).toBeUndefined();
      expect(tags.stray).toBe(mode === 'additive' ? 'by-hand' : undefined);
      expect(tags).toMatchObject({ 'managed-by': 'spa', 'account-holder': 'alice@example.com' });
      const { plan } = await w.ws.plan();
      expect(plan.changes.filter((c) => c.action === 'tag-account')).toEqual([]);
    },
  );
});
