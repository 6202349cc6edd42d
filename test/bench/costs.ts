// spa report costs over a large organization: Cost Explorer's pages served by the emulator, the report built and
// written by the built CLI in a child process (wall time and peak memory measured there).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeTree } from '../helpers/cli.js';
import { minimalTree } from '../helpers/tree.js';
import { startGateway, type Gateway } from '../support/aws-gateway.js';
import {
  groupedPages,
  queueCostAnswers,
  totalAnswer,
  units,
  type LineItem,
} from '../support/cost-explorer.js';
import { startMoto } from '../support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../support/seed.js';

// Reports the child's peak memory and CPU time (user + system: a figure that other work on the machine does not inflate).
const PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@maxrss '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;
const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };
const SEPTEMBER = { start: '2026-09-01', end: '2026-10-01' };

export interface CostBench {
  name: string;
  wallMs: number;
  cpuMs: number;
  peakMiB: number;
  requests: number;
  files: number;
  phases: string;
  calls: Record<string, number>;
  /** Every run, when the report ran several times on the same organization (the figures above are the median's). */
  runs: { wallMs: number; cpuMs: number; peakMiB: number }[];
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The cost center tag each account carries on its costs: 50 cost centers, one account in 100 without. */
const costCenterOf = (i: number) => (i % 100 === 99 ? undefined : `CC-${String(i % 50).padStart(2, '0')}`);

/** A month of `services` services per account, tax on a third of them, a few credits. */
function items(ids: string[], services: number, seed: number): LineItem[] {
  const r = random(seed);
  const out: LineItem[] = [];
  const money = (max: number) => (Math.floor(r() * max * 1e10) / 1e10).toFixed(10);
  ids.forEach((account, i) => {
    const center = costCenterOf(i);
    const tagged = center === undefined ? {} : { costCenter: center };
    for (let s = 0; s < services; s++)
      out.push({
        account,
        ...tagged,
        service: `Service ${s}`,
        usageType: `EUW1-Usage-${s}`,
        recordType: 'Usage',
        amount: money(20),
      });
    if (i % 3 === 0)
      out.push({
        account,
        ...tagged,
        service: 'Tax',
        usageType: 'Tax',
        recordType: 'Tax',
        amount: money(30),
      });
    if (i % 50 === 0)
      out.push({
        account,
        ...tagged,
        service: 'Service 0',
        usageType: 'EUW1-Usage-0',
        recordType: 'Credit',
        amount: '-10.0000000000',
      });
  });
  return out;
}

/** Cost Explorer's answers, in the order the report asks, queued a few pages at a time. */
async function queue(
  endpoint: string,
  account: string,
  month: LineItem[],
  previous: LineItem[],
  pageSize: number,
): Promise<number> {
  const usage = month.filter((l) => l.recordType !== 'Credit');
  const sum = (list: LineItem[]) => list.reduce((s, l) => s + units(l.amount), 0n);
  const answers = [
    totalAnswer(sum(usage), OCTOBER),
    totalAnswer(sum(month), OCTOBER),
    ...groupedPages(month, 'costCenter', OCTOBER, { pageSize, tag: 'cost-centers' }),
    ...groupedPages(usage, 'service', OCTOBER, { pageSize, tag: 'services' }),
    ...groupedPages(usage, 'usageType', OCTOBER, { pageSize, tag: 'usage' }),
    ...groupedPages(month, 'recordType', OCTOBER, { pageSize, tag: 'records' }),
    ...groupedPages(
      previous.filter((l) => l.recordType !== 'Credit'),
      undefined,
      SEPTEMBER,
      { pageSize, tag: 'previous' },
    ),
  ];
  for (let i = 0; i < answers.length; i += 10)
    await queueCostAnswers(endpoint, account, answers.slice(i, i + 10));
  return answers.length;
}

function run(root: string, args: string[], cwd: string, env: Record<string, string>) {
  const started = process.hrtime.bigint();
  // SPA_BENCH_CPU_PROF=<folder> profiles the report (node --cpu-prof), to open in Chrome's DevTools.
  const profile = process.env.SPA_BENCH_CPU_PROF;
  const node = ['--import', PROBE, ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [])];
  const child = spawn(process.execPath, [...node, join(root, 'engine/bin/spa.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  type Outcome = { code: number; ms: number; cpuMs: number; peakMiB: number; stdout: string; stderr: string };
  return new Promise<Outcome>((resolve) =>
    child.once('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const m = /@@maxrss (\d+) (\d+)/.exec(stderr);
      const peakMiB = m ? Number(m[1]) / 1024 : NaN;
      resolve({ code: code ?? 3, ms, cpuMs: m ? Number(m[2]) / 1000 : NaN, peakMiB, stdout, stderr });
    }),
  );
}

async function seed(
  gateway: Gateway,
  mgmt: string,
  size: number,
  log: (s: string) => void,
): Promise<string[]> {
  const teams = Array.from({ length: 10 }, (_, i) => `Team${i}`);
  // The report reads no account's tags: the accounts are seeded without, their cost centers are Cost Explorer's.
  log(`seeding ${size} accounts in 11 OUs (not measured)`);
  const accounts = Array.from({ length: size }, (_, i) => ({
    name: `user-${String(i).padStart(5, '0')}`,
    email: `user-${i}@example.com`,
    ou: `Sandbox/${teams[i % teams.length]}`,
  }));
  const seeded = await seedOrganization(await testAws(gateway.endpoint, mgmt), {
    ous: ['Sandbox', ...teams.map((t) => `Sandbox/${t}`)],
    accounts,
  });
  return accounts.map((a) => seeded.accountIds.get(a.email)!);
}

export async function benchCosts(
  root: string,
  size: number,
  services: number,
  log: (s: string) => void,
  runs = 1,
): Promise<CostBench> {
  // As the targeted benchmark: no full collections in moto, whose every call otherwise slows as the organization grows.
  const moto = await startMoto({ noFullCollections: true });
  const gateway = await startGateway(moto.endpoint);
  const mgmt = '300000000002';
  try {
    const ids = await seed(gateway, mgmt, size, log);
    log(`queueing Cost Explorer's answers: ${size} accounts x ${services} services`);
    const queued = await queue(moto.endpoint, mgmt, items(ids, services, 10), items(ids, services, 9), 5000);
    const tree = minimalTree({
      settings: {
        aws: {
          region: 'eu-west-1',
          managementAccountId: mgmt,
          managementRoleArn: `arn:aws:iam::${mgmt}:role/Spa`,
        },
        reporting: {
          currencies: ['EUR'],
          exchangeRates: { fixed: { EUR: 0.92 } },
          costExplorerCallsPerDay: 1000,
        },
      },
    });
    const { dir, cleanup } = writeTree(tree);
    try {
      const env = { ...cliEnv(gateway.endpoint), SPA_NOW: '2026-11-14T07:00:00Z', SPA_REPORT_CALLS: '1' };
      // moto keeps each answer for its request: a run again asks the same questions and gets the same answers.
      const once = async () => {
        gateway.resetCounts();
        const r = await run(root, ['report', 'costs', '--month', '2026-10'], dir, env);
        if (r.code !== 0) throw new Error(`spa report costs failed (${r.code}): ${r.stderr.slice(-3000)}`);
        return r;
      };
      log(`spa report costs (${queued} Cost Explorer answers queued)`);
      const all = [await once()];
      for (let i = 1; i < runs; i++) {
        const last = all[all.length - 1]!;
        log(
          `run ${i}: ${(last.ms / 1000).toFixed(1)} s wall, ${(last.cpuMs / 1000).toFixed(1)} s CPU, ${last.peakMiB.toFixed(0)} MiB; again`,
        );
        all.push(await once());
      }
      // The median run by wall time, when there are several.
      const r = [...all].sort((a, b) => a.ms - b.ms)[Math.floor(all.length / 2)]!;
      return {
        runs: all.map((x) => ({ wallMs: x.ms, cpuMs: x.cpuMs, peakMiB: x.peakMiB })),
        name: `spa report costs, ${size.toLocaleString('en-US')} accounts x ${services} services`,
        wallMs: r.ms,
        cpuMs: r.cpuMs,
        peakMiB: r.peakMiB,
        requests: Number(/Cost Explorer requests: (\d+)/.exec(r.stdout)?.[1] ?? NaN),
        files: Number(/(\d+) files written/.exec(r.stdout)?.[1] ?? NaN),
        phases: /phases: (.*)/.exec(r.stderr)?.[1] ?? '',
        calls: Object.fromEntries(gateway.calls),
      };
    } finally {
      cleanup();
    }
  } finally {
    await gateway.stop();
    await moto.stop();
  }
}
