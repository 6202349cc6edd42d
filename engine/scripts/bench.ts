#!/usr/bin/env -S npx tsx
// `npm run bench`: prints the figures of the Performance section of engine/README.md. Benchmarks are not
// tests: they assert nothing about time, they measure it. `npm run bench -- validate`, `-- long-value`,
// `-- organization`, `-- costs`, `-- activities`, `-- inventory`, `-- lambdas`, `-- window`, `-- infra` or `-- spa-cost`
// runs one part (`-- costs 2000` a smaller organization, `-- costs 10000 3` three runs on one organization,
// `-- spa-cost 50` a smaller simulated one).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCosts } from '../../test/bench/costs.js';
import { benchReports } from '../../test/bench/reports.js';
import { benchInfra } from '../../test/bench/infra.js';
import { benchLongValue } from '../../test/bench/long-value.js';
import { benchOrganization, type OrgBench } from '../../test/bench/organization.js';
import {
  benchTargeted,
  type RateBound,
  type TargetedBench,
  type TargetedPhases,
} from '../../test/bench/targeted.js';
import { benchSettings } from '../../test/bench/validate.js';
import { benchBundles, benchWindow } from '../../test/bench/lifecycle.js';
import { printSpaCost } from '../../test/bench/spa-cost-print.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv[2];
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

if (!only || only === 'validate') {
  log('spa validate and spa compile over 10,000 account files');
  console.log('\n| Benchmark | Wall time (median of 3) | Fastest | CPU time | Peak memory |');
  console.log('|---|---|---|---|---|');
  for (const r of benchSettings(root))
    console.log(
      `| ${r.name} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.minMs / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.peakMiB.toFixed(0)} MiB |`,
    );
}

if (!only || only === 'long-value') {
  log('spa validate over one long tag value and CSV note');
  const rows = [65_536, 1_000_000].map((bytes) => benchLongValue(root, bytes));
  console.log('\n| Benchmark | Wall time | Diagnostics |');
  console.log('|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.name} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.codes.join(', ')} |`);
}

if (!only || only === 'organization') {
  const rows: OrgBench[] = [];
  for (const size of [1000, 2000]) rows.push(...(await benchOrganization(root, size, log)));
  console.log('\n| Benchmark | Wall time | Peak memory | AWS calls | Calls per account |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} (${r.ous} OUs) | ${(r.wallMs / 1000).toFixed(1)} s | ${r.peakMiB.toFixed(0)} MiB | ${r.totalCalls} | ${(r.totalCalls / r.accounts).toFixed(2)} |`,
    );
  }
  console.log('\nAWS calls per operation (AssumeRole aside):\n');
  const ops = [...new Set(rows.flatMap((r) => Object.keys(r.calls)))]
    .filter((op) => op !== 'AssumeRole')
    .sort();
  console.log(`| Operation | ${rows.map((r) => r.name).join(' | ')} |`);
  console.log(`|---|${rows.map(() => '---').join('|')}|`);
  for (const op of ops) console.log(`| ${op} | ${rows.map((r) => r.calls[op] ?? 0).join(' | ')} |`);
}

if (!only || only === 'targeted') {
  // `-- targeted 1000,10000 full-up-to=1000`: the sizes, and the largest size also planned in full under
  // throttling. SPA_EMULATED_RATES (JSON over test/support/aws-rates.ts) sets the rates of the throttled figures,
  // such as the write rate of the apply: '{"organizationsWrite":{"rate":10,"burst":20}}'.
  const sizes = (process.argv[3] ?? '1000,10000').split(',').map(Number);
  const fullUpTo = Number(/full-up-to=(\d+)/.exec(process.argv.slice(4).join(' '))?.[1] ?? 1000);
  const rows: TargetedBench[] = [];
  const phases: TargetedPhases[] = [];
  for (const size of sizes)
    rows.push(...(await benchTargeted(root, size, size <= fullUpTo, log, (p) => phases.push(p))));
  const bound = (b: RateBound | undefined) =>
    b ? `${b.seconds.toFixed(0)} s (${b.calls} ${b.bucket} at ${b.rate}/s)` : '';
  console.log(
    '\n| Benchmark (11 OUs, budgets) | Wall time | Least time the rates allow | Peak memory | AWS calls | Calls per account | Throttled |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${(r.wallMs / 1000).toFixed(1)} s | ${bound(r.bound)} | ${r.peakMiB.toFixed(0)} MiB | ${r.totalCalls} | ${(r.totalCalls / r.accounts).toFixed(3)} | ${r.throttled} |`,
    );
  for (const r of rows.filter((x) => x.writeBound))
    console.log(
      `\n${r.name}: ${(r.wallMs / 1000).toFixed(1)} s against ${bound(r.writeBound)} for its writes alone`,
    );
  const ops = [...new Set(rows.flatMap((r) => Object.keys(r.calls)))]
    .filter((op) => op !== 'AssumeRole')
    .sort();
  console.log(`\n| Operation | ${rows.map((r) => r.name).join(' | ')} |`);
  console.log(`|---|${rows.map(() => '---').join('|')}|`);
  for (const op of ops) console.log(`| ${op} | ${rows.map((r) => r.calls[op] ?? 0).join(' | ')} |`);
  console.log('\n| Phase (seconds) | ' + phases.map((p) => `${p.accounts} accounts`).join(' | ') + ' |');
  console.log(`|---|${phases.map(() => '---').join('|')}|`);
  const stem = (name: string) => name.replace(/, \d+ accounts$/, '');
  for (const name of [...new Set(phases.flatMap((p) => p.phases.map(([n]) => stem(n))))])
    console.log(
      `| ${name} | ${phases.map((p) => p.phases.find(([n]) => stem(n) === name)?.[1].toFixed(1) ?? '').join(' | ')} |`,
    );
}

if (!only || only === 'costs') {
  const size = Number(process.argv[3] ?? 10_000);
  // `-- costs 10000 3` runs the report 3 times on one organization and prints the median run, and every run.
  const r = await benchCosts(root, size, 30, log, Number(process.argv[4] ?? 1));
  console.log('\n| Benchmark | Wall time | CPU time | Peak memory | Cost Explorer requests | Files |');
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| ${r.name} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.cpuMs / 1000).toFixed(1)} s | ${r.peakMiB.toFixed(0)} MiB | ${r.requests} | ${r.files} |`,
  );
  console.log(`\nPhases: ${r.phases}. AWS calls: ${JSON.stringify(r.calls)}`);
  if (r.runs.length > 1)
    console.log(
      `Runs: ${r.runs.map((x) => `${(x.wallMs / 1000).toFixed(1)} s wall, ${(x.cpuMs / 1000).toFixed(1)} s CPU, ${x.peakMiB.toFixed(0)} MiB`).join('; ')}`,
    );
}

if (!only || only === 'activities' || only === 'inventory' || only === 'reports') {
  // `-- activities 10000`, `-- inventory 10000`, or `-- reports 10000` for both on one seeded organization.
  const size = Number(process.argv[3] ?? 10_000);
  const kinds: ('activities' | 'inventory')[] =
    only === 'activities' || only === 'inventory' ? [only] : ['activities', 'inventory'];
  const rows = await benchReports(root, size, kinds, log);
  console.log('\n| Benchmark | Wall time | CPU time | Peak memory | AWS calls |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    const calls = Object.entries(r.calls)
      .filter(([op]) => op !== 'AssumeRole')
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([op, n]) => `${n} \`${op}\``)
      .join(', ');
    console.log(
      `| ${r.name} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.cpuMs / 1000).toFixed(1)} s | ${r.peakMiB.toFixed(0)} MiB | ${calls} |`,
    );
  }
}

if (!only || only === 'lambdas') {
  log('bundling the Lambda handlers (esbuild, ESM, node22)');
  const bundles = await benchBundles();
  console.log('\n| Lambda bundle | Size | Module initialisation (median of 5) |');
  console.log('|---|---|---|');
  for (const b of bundles) console.log(`| ${b.name} | ${b.kib.toFixed(0)} KiB | ${b.initMs.toFixed(0)} ms |`);
}

if (!only || only === 'window') {
  const w = await benchWindow(Number(process.env.SPA_BENCH_WINDOW_ACCOUNTS ?? 2000), log);
  console.log('\n| Maintenance window fan-out | Value |');
  console.log('|---|---|');
  console.log(`| managed accounts in the window | ${w.accounts} |`);
  console.log(
    `| account messages received (distinct accounts) | ${w.accountMessages} (${w.distinctAccounts}) |`,
  );
  console.log(`| invocations that fanned out (the window, then one per OU page) | ${w.fanOutInvocations} |`);
  console.log(`| most messages sent by one invocation | ${w.maxMessagesSent} |`);
  console.log(`| longest invocation | ${(w.longestInvocationMs / 1000).toFixed(2)} s |`);
  console.log(`| fan-out wall time | ${(w.wallMs / 1000).toFixed(1)} s |`);
}

if (!only || only === 'infra') {
  log('cdk synth of the sample settings (offline, template validation off)');
  const r = await benchInfra(root);
  console.log(`\ncdk synth: ${(r.synthMs / 1000).toFixed(1)} s\n`);
  console.log('| Stack | Resources (CloudFormation allows 500) |');
  console.log('|---|---|');
  for (const s of r.stacks) console.log(`| ${s.name} | ${s.resources} |`);
  console.log('\n| Lambda | Bundle (minified ESM) |');
  console.log('|---|---|');
  for (const b of r.bundles) console.log(`| ${b.function} | ${(b.bytes / 1024).toFixed(0)} KiB |`);
}

if (!only || only === 'spa-cost') await printSpaCost(root, Number(process.argv[3] ?? 100), log);
