import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATION } from '../support/demo-org.js';
import { readBack } from '../support/seed.js';
import {
  expectValid,
  minimalFor,
  sampleFor,
  startEmulator,
  workspace,
  type Emulator,
} from '../helpers/org.js';
import type { Plan } from '../../engine/src/plan/types.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('spa plan outputs', () => {
  it('prints Markdown chunks separated on stdout, writes them as numbered files, and JSON and annotations', async () => {
    const ws = await workspace(emulator, DEMO_ORGANIZATION, sampleFor);
    try {
      const md = await ws.spa(['plan', '--format', 'markdown', '--chunk-dir', 'md']);
      expect(md.code).toBe(0);
      expect(md.stdout.startsWith('<!-- spa:plan-chunk 1/1 -->\n### SPA plan: SpaDemo\n')).toBe(true);
      expect(readdirSync(join(ws.dir, 'md'))).toEqual(['plan-001.md']);
      expect(readFileSync(join(ws.dir, 'md/plan-001.md'), 'utf8')).toBe(
        md.stdout.replace('<!-- spa:plan-chunk 1/1 -->\n', ''),
      );

      const json = await ws.spa(['plan', '--format', 'json']);
      const plan = JSON.parse(json.stdout) as Plan;
      expectValid('plan.schema.json', plan);
      expect(plan.git.commit).toBe('0123456789abcdef0123456789abcdef01234567');

      const gh = await ws.spa(['plan', '--format', 'github']);
      expect(gh.stdout).toContain(
        '::notice file=accounts/dan-sandbox.yaml,line=1,title=spa create-account::create dan-sandbox (dan.sandbox@example.com) in Sandbox/Personal',
      );
      expect(gh.stdout).toContain('::warning title=no-longer-managed::');
    } finally {
      ws.cleanup();
    }
  });

  it('exits 2 with --detailed-exitcode when there are changes, and stops on invalid settings before reading AWS', async () => {
    const ws = await workspace(emulator, DEMO_ORGANIZATION, sampleFor);
    try {
      expect((await ws.spa(['plan', '--detailed-exitcode'])).code).toBe(2);
      ws.write(
        'accounts/bob-sandbox.yaml',
        ws.read('accounts/bob-sandbox.yaml').replace('amount: 400', 'amount: -4'),
      );
      emulator.gateway.resetCounts();
      const r = await ws.spa(['plan', '--format', 'github']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        '::error file=accounts/bob-sandbox.yaml,line=8,col=11,title=invalid-budget::',
      );
      expect(r.stderr).toContain('nothing was read from AWS');
      expect(emulator.gateway.calls.size).toBe(0);
    } finally {
      ws.cleanup();
    }
  });
});

describe('spa apply with a change that fails', () => {
  it('reports each result, skips what depends on the failure, applies the rest, and exits 1', async () => {
    const ws = await workspace(
      emulator,
      { ous: ['Sandbox'], accounts: [{ name: 'old', email: 'old@example.com', ou: 'Sandbox' }] },
      minimalFor({
        ous: { Sandbox: { managed: true }, 'Sandbox/New': {} },
        defaults: { budget: { amount: 10 } },
        accounts: { old: { organizationalUnit: 'Sandbox/New' } },
      }),
    );
    try {
      await ws.plan();
      emulator.gateway.setFaults({ alwaysFail: ['CreateOrganizationalUnit'] });
      const { result, outcome } = await ws.apply(['--allow-large']);
      emulator.gateway.setFaults(undefined);
      expect(result.code).toBe(1);
      expect(outcome.outcome).toBe('partial');
      const status = Object.fromEntries(outcome.results.map((r) => [r.change, r.status]));
      expect(status).toMatchObject({
        'create-ou:ou/Sandbox/New': 'failed',
        'move-account:account/old': 'skipped',
        'tag-account:account/old': 'applied',
        'start-lifecycle:account/old': 'applied',
        'create-budget:budget/old': 'applied',
      });
      expect(outcome.results.find((r) => r.status === 'failed')!.error!.message).toContain(
        'CreateOrganizationalUnit failed',
      );
      const aws = await readBack(ws.aws);
      expect(aws.accounts.find((a) => a.email === 'old@example.com')!.tags['account-state']).toBe('vanilla');
      const again = await ws.plan();
      expect(again.plan.changes.map((c) => c.key)).toEqual([
        'create-ou:ou/Sandbox/New',
        'move-account:account/old',
      ]);
    } finally {
      emulator.gateway.setFaults(undefined);
      ws.cleanup();
    }
  });
});
