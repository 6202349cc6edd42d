// Pull request plans (targeted), full plans and the apply of a CSV change on every account, over organizations
// of 1,000 and 10,000 accounts, under the realistic throttling of the emulator gateway (test/support/aws-rates.ts;
// SPA_EMULATED_RATES changes it). Each organization is seeded once, already at its settings, and reused for every
// figure.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../helpers/cli.js';
import { startGateway, type Gateway } from '../support/aws-gateway.js';
import { bucketOf, ratesFrom, type Rates } from '../support/aws-rates.js';
import { startMoto } from '../support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../support/seed.js';
import { benchTree, seedSettled } from './bench-tree.js';

const PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

/** The least time the rates allow for the calls AWS answered: the busiest bucket, past its burst. */
export interface RateBound {
  seconds: number;
  /** The operation (reads) or service (writes) of the bucket, its calls answered, and its rate per second. */
  bucket: string;
  calls: number;
  rate: number;
}

export interface TargetedBench {
  name: string;
  accounts: number;
  wallMs: number;
  peakMiB: number;
  calls: Record<string, number>;
  totalCalls: number;
  throttled: number;
  /** Under throttling: the busiest bucket's bound, and that of the Organizations writes when there were any. */
  bound?: RateBound;
  writeBound?: RateBound;
}

/** The phases of a size, for estimating larger ones: seconds each. */
export interface TargetedPhases {
  accounts: number;
  phases: [string, number][];
}

function run(root: string, args: string[], cwd: string, env: Record<string, string>) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', PROBE, join(root, 'engine/bin/spa.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise<{ code: number; ms: number; peakMiB: number; stdout: string; stderr: string }>(
    (resolve) =>
      child.once('close', (code) => {
        const m = /@@maxrss (\d+)/.exec(stderr);
        resolve({
          code: code ?? 3,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          peakMiB: m ? Number(m[1]) / 1024 : NaN,
          stdout,
          stderr,
        });
      }),
  );
}

const total = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([op]) => op !== 'AssumeRole')
    .reduce((s, [, n]) => s + n, 0);

/** Bounds of each bucket from the calls answered (calls less those throttled), the busiest first. */
function bounds(gateway: Gateway, rates: Rates): RateBound[] {
  const answered = new Map<string, { calls: number; rate: number; burst: number }>();
  for (const [op, n] of gateway.calls) {
    const b = bucketOf(gateway.services.get(op) ?? 'other', op);
    if (!b) continue;
    const { rate, burst } = rates[b.kind];
    const a = answered.get(b.key) ?? { calls: 0, rate, burst };
    a.calls += n - (gateway.throttled.get(op) ?? 0);
    answered.set(b.key, a);
  }
  return [...answered]
    .map(([bucket, a]) => ({
      bucket,
      calls: a.calls,
      rate: a.rate,
      seconds: Math.max(0, a.calls - a.burst) / a.rate,
    }))
    .sort((x, y) => y.seconds - x.seconds);
}

interface PlanFile {
  changes: {
    action: string;
    target: { accountId?: string; email?: string };
    after: { tags?: Record<string, string>; budget?: Record<string, unknown> } | null;
  }[];
}

/**
 * Checks `benchTree`'s settled state against spa itself: spa plans a small organization seeded without tags or
 * budgets, and what it would create must be, account by account, what the seeding of large organizations gives.
 */
async function checkSettled(root: string, endpoint: string, log: (s: string) => void) {
  const mgmt = '300000000003';
  const { ous, accounts, tree, settled } = benchTree(10, mgmt, () => 'finops@example.com');
  const seeded = await seedOrganization(await testAws(endpoint, mgmt), { ous, accounts });
  const { dir, cleanup } = writeTree(tree);
  try {
    const r = await run(root, ['plan', '--out', 'plan.json'], dir, cliEnv(endpoint));
    if (r.code !== 0) throw new Error(`the plan of the small organization failed: ${r.stderr.slice(-2000)}`);
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as PlanFile;
    const planned = new Map<string, { tags: Record<string, string>; budget?: Record<string, unknown> }>();
    for (const c of plan.changes) {
      const id = c.target.accountId!;
      const p = planned.get(id) ?? { tags: {} };
      Object.assign(p.tags, c.after?.tags ?? {});
      if (c.action === 'create-budget' && c.after?.budget) p.budget = c.after.budget;
      planned.set(id, p);
    }
    accounts.forEach((a, i) => {
      const id = seeded.accountIds.get(a.email)!;
      const b = settled.budget(i, id);
      const want = JSON.stringify({
        tags: Object.entries(settled.tags(i)).sort(),
        budget: {
          name: b.name,
          amount: b.amount,
          currency: 'USD',
          thresholds: b.thresholds,
          subscribers: b.subscribers,
        },
      });
      const p = planned.get(id);
      const got = JSON.stringify({ tags: Object.entries(p?.tags ?? {}).sort(), budget: p?.budget });
      if (got !== want)
        throw new Error(
          `spa would give ${a.name} ${got}, the benchmark seeds it with ${want}: update bench-tree.ts`,
        );
    });
    log(`spa plans for the small organization what the seeding gives (${plan.changes.length} changes)`);
  } finally {
    cleanup();
  }
}

/**
 * `full`: also the full plan under throttling (long at 10,000 accounts: Budgets' reads at 5 per second bound it).
 * `phases` receives the duration of each phase, for estimating larger organizations.
 */
export async function benchTargeted(
  root: string,
  size: number,
  full: boolean,
  log: (s: string) => void,
  phases?: (p: TargetedPhases) => void,
): Promise<TargetedBench[]> {
  const moto = await startMoto({ noFullCollections: true });
  const gateway = await startGateway(moto.endpoint);
  const work = mkdtempSync(join(tmpdir(), `spa-bench-targeted-${size}-`));
  const out: TargetedBench[] = [];
  const timed: [string, number][] = [];
  let phaseStart = performance.now();
  const phase = (name: string, quiet = false) => {
    const s = (performance.now() - phaseStart) / 1000;
    timed.push([name, s]);
    if (!quiet) log(`${name}: ${s.toFixed(1)} s`);
    phaseStart = performance.now();
  };
  const rates = ratesFrom(process.env.SPA_EMULATED_RATES);
  try {
    await checkSettled(root, gateway.endpoint, log);
    phase('checking the seeding against spa on 10 accounts');
    const mgmt = '300000000002';
    const bench = benchTree(size, mgmt, () => 'finops@example.com');
    const { csv, tree } = bench;
    log(`seeding ${size} accounts in ${bench.ous.length} OUs, at their settings`);
    await seedSettled(
      bench,
      await testAws(moto.endpoint, mgmt),
      await testAws(gateway.endpoint, mgmt),
      phase,
    );
    const { dir, cleanup } = writeTree(tree);
    const env = {
      ...cliEnv(gateway.endpoint),
      SPA_AWS_RETRY_BASE_MS: '100',
      SPA_AWS_RETRY_MAX_MS: '5000',
      SPA_AWS_MAX_ATTEMPTS: '20',
    };
    const must = async (args: string[], what: string, cwd = dir) => {
      const r = await run(root, args, cwd, env);
      if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr.slice(-2000)}`);
      return r;
    };
    const changesOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as PlanFile).changes;
    const measure = async (name: string, args: string[], throttled: boolean) => {
      gateway.setRates(throttled ? rates : undefined);
      gateway.resetCounts();
      const r = await must(args, name);
      gateway.setRates(undefined);
      const calls = Object.fromEntries(gateway.calls);
      const throttledCalls = [...gateway.throttled.values()].reduce((a, b) => a + b, 0);
      const all = throttled ? bounds(gateway, rates) : [];
      const row: TargetedBench = {
        name,
        accounts: size,
        wallMs: r.ms,
        peakMiB: r.peakMiB,
        calls,
        totalCalls: total(calls),
        throttled: throttledCalls,
        ...(all[0]?.seconds ? { bound: all[0] } : {}),
        ...(all.find((b) => b.bucket === 'organizations-writes')
          ? { writeBound: all.find((b) => b.bucket === 'organizations-writes')! }
          : {}),
      };
      out.push(row);
      log(
        `${name}: ${(r.ms / 1000).toFixed(1)} s, ${total(calls)} calls, ${throttledCalls} throttled, ${r.peakMiB.toFixed(0)} MiB` +
          (row.bound ? `, bound ${row.bound.seconds.toFixed(0)} s by ${row.bound.bucket}` : ''),
      );
      phase(name, true);
      return r;
    };
    try {
      // The reference of the pull request, and the proof that the seeding left nothing to do.
      await measure(`spa plan, full, no throttling, ${size} accounts`, ['plan', '--out', 'main.json'], false);
      const left = changesOf(join(dir, 'main.json'));
      if (left.length !== 0)
        throw new Error(
          `the organization seeded at its settings still has ${left.length} changes, such as ${JSON.stringify(left[0])}`,
        );

      const head = join(work, 'head');
      cpSync(dir, head, { recursive: true });
      // A pull request that changes the cost owner of 3 accounts.
      const changed = new Set([1, size / 2, size - 2]);
      writeFileSync(
        join(head, 'tags-csv/finops.csv'),
        csv((i) => (changed.has(i) ? `new-owner-${i}@example.com` : 'finops@example.com')),
      );
      await measure(
        `spa plan of a pull request changing 3 accounts, ${size} accounts`,
        [
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
        ],
        true,
      );
      const pr = changesOf(join(work, 'pr.json'));
      if (pr.length !== 3) throw new Error(`the pull request plan has ${pr.length} changes, not 3`);

      // A CSV change of one tag on every account: planned without throttling, applied under it.
      writeFileSync(
        join(dir, 'tags-csv/finops.csv'),
        csv(() => 'new-owner@example.com'),
      );
      await measure(
        `spa plan, CSV change on every account, no throttling, ${size} accounts`,
        ['plan', '--out', 'csv.json'],
        false,
      );
      const csvChanges = changesOf(join(dir, 'csv.json'));
      if (csvChanges.length !== size || csvChanges.some((c) => c.action !== 'tag-account'))
        throw new Error(`the CSV change plans ${csvChanges.length} changes, not ${size} tag-account`);
      const applied = await measure(
        `spa apply, CSV change on every account, ${size} accounts`,
        ['apply', 'csv.json', '--allow-large', '--format', 'json'],
        true,
      );
      const summary = (JSON.parse(applied.stdout) as { summary: Record<string, number> }).summary;
      if (summary.applied !== size || summary.failed !== 0)
        throw new Error(`the apply of the CSV change ended with ${JSON.stringify(summary)}`);

      // Nothing left to do after the apply: the full plan under throttling when asked for, else without.
      const after = full
        ? await measure(`spa plan, full, ${size} accounts`, ['plan', '--out', join(work, 'after.json')], true)
        : await must(['plan', '--out', join(work, 'after.json')], 'the plan after the apply');
      if (!full) phase('the plan after the apply (no throttling)');
      const rest = changesOf(join(work, 'after.json'));
      if (after.code !== 0 || rest.length !== 0)
        throw new Error(
          `${rest.length} changes are left after the apply, such as ${JSON.stringify(rest[0])}`,
        );
    } finally {
      cleanup();
    }
    phases?.({ accounts: size, phases: timed });
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await gateway.stop();
    await moto.stop();
  }
}
