#!/usr/bin/env node
// `npm run demo`: the main job of SPA on the sample settings at the root of the repository.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const spa = join(root, 'engine/bin/spa.js');

function step(title, args) {
  console.log(`\n\u001b[1m$ spa ${args.join(' ')}\u001b[0m   # ${title}`);
  const r = spawnSync(process.execPath, [spa, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
  });
  return r.status ?? 3;
}

let status = step('check every settings file', ['validate']);
if (status === 0)
  status = step('the effective settings of one account, with the source of each value', [
    'explain',
    'alice-sandbox',
  ]);
process.exit(status);
