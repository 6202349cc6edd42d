import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';

let emulator: Emulator;
let w: RuntimeWorld;
beforeAll(async () => {
  emulator = await startEmulator();
  // Started against the pinned moto: the check passes.
  w = await runtimeWorld(
    emulator,
    { ous: ['Sandbox'], accounts: [] },
    { ous: { Sandbox: { managed: true } } },
  );
});
afterAll(async () => {
  emulator?.gateway.setIntercept('StartBuild', undefined);
  await emulator?.stop();
});

describe('spa runtime local and the emulator', () => {
  it('refuses an emulator that answers builds as moto 5.2.1 does, naming the version it needs', async () => {
    // moto 5.2.1 answers StartBuild with its dates as text: the gateway plays that answer over the pinned moto.
    emulator.gateway.setIntercept('StartBuild', async (call) => {
      const { json } = await call.forward();
      const build = json.build as Record<string, unknown>;
      return { build: { ...build, startTime: new Date().toISOString() } };
    });
    const r = await w.ws.spa(['runtime', 'local']);
    expect(r.stderr).toContain('answers CodeBuild as moto before 5.2.5 does');
    expect(r.stderr).toContain('Expected real number, got implicit NaN');
    expect(r.stderr).toContain('spa runtime local needs moto 5.2.5');
    expect(r.stderr).toContain("pip install 'moto[server]==5.2.5'");
    expect(r.code).toBe(3);
  }, 60_000);
});
