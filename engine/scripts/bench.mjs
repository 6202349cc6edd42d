#!/usr/bin/env node
// `npm run bench`: prints the figures of the README's performance section. Benchmarks are not tests: they
// assert nothing about time, they measure it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchValidate } from '../../test/bench/validate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv[2];

const rows = [];
if (!only || only === 'validate') rows.push(benchValidate(root));

console.log('');
console.log('| Benchmark | Wall time (median) | Fastest | Peak memory |');
console.log('|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.name} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.minMs / 1000).toFixed(2)} s | ${r.peakMiB.toFixed(0)} MiB |`,
  );
