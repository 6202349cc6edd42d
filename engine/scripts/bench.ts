#!/usr/bin/env -S npx tsx
// `npm run bench`: prints the figures of the README's performance section. Benchmarks are not tests: they
// assert nothing about time, they measure it. `npm run bench -- validate`, `-- organization` or `-- infra` runs one part.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchInfra } from '../../test/bench/infra.js';
import { benchOrganization, type OrgBench } from '../../test/bench/organization.js';
import { benchValidate } from '../../test/bench/validate.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv[2];
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

if (!only || only === 'validate') {
  log('spa validate over 10,000 account files');
  const r = benchValidate(root);
  console.log('\n| Benchmark | Wall time (median of 3) | Fastest | Peak memory |');
  console.log('|---|---|---|---|');
  console.log(
    `| ${r.name} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.minMs / 1000).toFixed(2)} s | ${r.peakMiB.toFixed(0)} MiB |`,
  );
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
