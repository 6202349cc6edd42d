// spa plan (no changes) and spa apply (a CSV change on every account) over a large organization in the emulator.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../helpers/cli.js';
import { startGateway } from '../support/aws-gateway.js';
import { startMoto } from '../support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../support/seed.js';
import { benchTree } from './bench-tree.js';

const PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

export interface OrgBench {
  name: string;
  accounts: number;
  ous: number;
  wallMs: number;
  peakMiB: number;
  calls: Record<string, number>;
  totalCalls: number;
}

/** Runs the built spa in a child process (asynchronously: the gateway lives in this process). */
function run(
  root: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; ms: number; peakMiB: number; stderr: string }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', PROBE, join(root, 'engine/bin/spa.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const m = /@@maxrss (\d+)/.exec(stderr);
      resolve({ code: code ?? 3, ms, peakMiB: m ? Number(m[1]) / 1024 : NaN, stderr });
    }),
  );
}

export async function benchOrganization(
  root: string,
  size: number,
  log: (s: string) => void,
): Promise<OrgBench[]> {
  const moto = await startMoto();
  const gateway = await startGateway(moto.endpoint);
  const work = mkdtempSync(join(tmpdir(), `spa-bench-${size}-`));
  try {
    const mgmt = '300000000001';
    const { ous, accounts, csv: csvOf, tree } = benchTree(size, mgmt, () => 'finops@example.com');
    const csv = (owner: string) => csvOf(() => owner);
    log(`seeding ${size} accounts in ${ous.length} OUs`);
    await seedOrganization(await testAws(gateway.endpoint, mgmt), { ous, accounts });
    const { dir, cleanup } = writeTree(tree);
    const env = { ...cliEnv(gateway.endpoint), SPA_AWS_RETRY_BASE_MS: '20', SPA_AWS_READ_CONCURRENCY: '8' };
    try {
      log('bringing the organization to the settings (not measured)');
      if ((await run(root, ['plan', '--out', 'plan.json'], dir, env)).code !== 0)
        throw new Error('setup plan failed');
      const setup = await run(root, ['apply', 'plan.json', '--allow-large'], dir, env);
      if (setup.code !== 0) throw new Error(`setup apply failed: ${setup.stderr.slice(-2000)}`);

      log('spa plan, no changes');
      gateway.resetCounts();
      const plan = await run(root, ['plan', '--detailed-exitcode'], dir, env);
      if (plan.code !== 0)
        throw new Error(`plan found changes or failed (${plan.code}): ${plan.stderr.slice(-2000)}`);
      const planCalls = Object.fromEntries(gateway.calls);

      log('spa import of the settled organization, then its plan (no changes)');
      const environment = /^environment: (\S+)$/m.exec(tree['settings.yaml']!)![1]!;
      gateway.resetCounts();
      const imported = await run(
        root,
        [
          'import',
          '--ou',
          'Sandbox',
          '--environment',
          environment,
          '--management-role-arn',
          `arn:aws:iam::${mgmt}:role/Spa`,
          '--out',
          join(work, 'imported'),
        ],
        dir,
        env,
      );
      if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr.slice(-2000)}`);
      const importCalls = Object.fromEntries(gateway.calls);
      const replan = await run(
        root,
        ['plan', '--dir', join(work, 'imported'), '--detailed-exitcode'],
        dir,
        env,
      );
      if (replan.code !== 0)
        throw new Error(
          `the plan after the import found changes or failed (${replan.code}): ${replan.stderr.slice(-2000)}`,
        );

      log('spa apply of a CSV change touching every account');
      writeFileSync(join(dir, 'tags-csv/finops.csv'), csv('new-owner@example.com'));
      if ((await run(root, ['plan', '--out', 'plan.json'], dir, env)).code !== 0)
        throw new Error('plan of the CSV change failed');
      gateway.resetCounts();
      const apply = await run(root, ['apply', 'plan.json', '--allow-large'], dir, env);
      if (apply.code !== 0) throw new Error(`apply failed: ${apply.stderr.slice(-2000)}`);
      const applyCalls = Object.fromEntries(gateway.calls);
      const total = (c: Record<string, number>) =>
        Object.entries(c)
          .filter(([op]) => op !== 'AssumeRole')
          .reduce((s, [, n]) => s + n, 0);
      return [
        {
          name: `spa plan, no changes, ${size} accounts`,
          accounts: size,
          ous: ous.length,
          wallMs: plan.ms,
          peakMiB: plan.peakMiB,
          calls: planCalls,
          totalCalls: total(planCalls),
        },
        {
          name: `spa import, ${size} accounts`,
          accounts: size,
          ous: ous.length,
          wallMs: imported.ms,
          peakMiB: imported.peakMiB,
          calls: importCalls,
          totalCalls: total(importCalls),
        },
        {
          name: `spa apply, CSV change on ${size} accounts`,
          accounts: size,
          ous: ous.length,
          wallMs: apply.ms,
          peakMiB: apply.peakMiB,
          calls: applyCalls,
          totalCalls: total(applyCalls),
        },
      ];
    } finally {
      cleanup();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    await gateway.stop();
    await moto.stop();
  }
}
