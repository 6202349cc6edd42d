// Pull request plans (targeted) and full plans over organizations of 1,000 and 10,000 accounts, under the
// realistic throttling of the emulator gateway (test/support/aws-rates.ts). Each organization is seeded once and
// reused for every figure. Setting up (bringing the organization to the settings) runs without throttling.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../helpers/cli.js';
import { startGateway } from '../support/aws-gateway.js';
import { ratesFrom } from '../support/aws-rates.js';
import { startMoto } from '../support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../support/seed.js';
import { benchTree } from './bench-tree.js';

const PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

export interface TargetedBench {
  name: string;
  accounts: number;
  wallMs: number;
  peakMiB: number;
  calls: Record<string, number>;
  totalCalls: number;
  throttled: number;
}

function run(root: string, args: string[], cwd: string, env: Record<string, string>) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', PROBE, join(root, 'engine/bin/spa.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number; ms: number; peakMiB: number; stderr: string }>((resolve) =>
    child.once('exit', (code) => {
      const m = /@@maxrss (\d+)/.exec(stderr);
      resolve({
        code: code ?? 3,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        peakMiB: m ? Number(m[1]) / 1024 : NaN,
        stderr,
      });
    }),
  );
}

const total = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([op]) => op !== 'AssumeRole')
    .reduce((s, [, n]) => s + n, 0);

/** `full`: also the full plan under throttling (long at 10,000 accounts: about 1,000 s at 10 reads per second). */
export async function benchTargeted(
  root: string,
  size: number,
  full: boolean,
  log: (s: string) => void,
): Promise<TargetedBench[]> {
  const moto = await startMoto();
  const gateway = await startGateway(moto.endpoint);
  const work = mkdtempSync(join(tmpdir(), `spa-bench-targeted-${size}-`));
  const out: TargetedBench[] = [];
  try {
    const mgmt = '300000000002';
    const { ous, accounts, csv, tree } = benchTree(size, mgmt, () => 'finops@example.com');
    log(`seeding ${size} accounts in ${ous.length} OUs`);
    await seedOrganization(await testAws(gateway.endpoint, mgmt), { ous, accounts });
    const { dir, cleanup } = writeTree(tree);
    const env = {
      ...cliEnv(gateway.endpoint),
      SPA_AWS_RETRY_BASE_MS: '100',
      SPA_AWS_RETRY_MAX_MS: '5000',
      SPA_AWS_MAX_ATTEMPTS: '20',
    };
    const must = async (args: string[], what: string) => {
      const r = await run(root, args, dir, env);
      if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr.slice(-2000)}`);
      return r;
    };
    const measure = async (name: string, args: string[]) => {
      gateway.resetCounts();
      const r = await must(args, name);
      const calls = Object.fromEntries(gateway.calls);
      const throttled = [...gateway.throttled.values()].reduce((a, b) => a + b, 0);
      out.push({
        name,
        accounts: size,
        wallMs: r.ms,
        peakMiB: r.peakMiB,
        calls,
        totalCalls: total(calls),
        throttled,
      });
      log(`${name}: ${(r.ms / 1000).toFixed(1)} s, ${total(calls)} calls, ${throttled} throttled`);
    };
    try {
      log('bringing the organization to the settings (not measured, not throttled)');
      await must(['plan', '--out', 'plan.json'], 'setup plan');
      await must(['apply', 'plan.json', '--allow-large'], 'setup apply');
      log('the reference: a full plan of main (not throttled)');
      await measure(`spa plan, full, no throttling, ${size} accounts`, ['plan', '--out', 'main.json']);
      gateway.setRates(ratesFrom(process.env.SPA_EMULATED_RATES));
      const head = join(work, 'head');
      cpSync(dir, head, { recursive: true });
      // A pull request that changes the cost owner of 3 accounts.
      const changed = new Set([1, size / 2, size - 2]);
      writeFileSync(
        join(head, 'tags-csv/finops.csv'),
        csv((i) => (changed.has(i) ? `new-owner-${i}@example.com` : 'finops@example.com')),
      );
      await measure(`spa plan of a pull request changing 3 accounts, ${size} accounts`, [
        'plan',
        '--dir',
        head,
        '--base',
        '.',
        '--reference',
        'main.json',
        '--out',
        join(work, 'pr.json'),
        '--base-out',
        join(work, 'base.json'),
      ]);
      const pr = JSON.parse(readFileSync(join(work, 'pr.json'), 'utf8')) as { changes: unknown[] };
      if (pr.changes.length !== 3)
        throw new Error(`the pull request plan has ${pr.changes.length} changes, not 3`);
      if (full) await measure(`spa plan, full, ${size} accounts`, ['plan', '--out', join(work, 'full.json')]);
    } finally {
      cleanup();
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await gateway.stop();
    await moto.stop();
  }
}
