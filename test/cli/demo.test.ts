import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// `npm run demo` is how a newcomer meets the product: it must run to its end on the sample settings.
describe('npm run demo', () => {
  it('runs every step on the sample settings and the emulator, and ends with Done', () => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'engine/scripts/demo.ts')],
      { cwd: root, encoding: 'utf8', timeout: 600_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.stderr + r.stdout).not.toMatch(/exited with \d+, expected/);
    expect(r.status).toBe(0);
    for (const step of [
      '$ spa validate',
      '$ spa plan',
      '$ spa apply',
      '$ spa import',
      '$ spa accounts check',
    ])
      expect(r.stdout).toContain(step);
    expect(r.stdout).toContain('FailedCodebuildException');
    // The organization imported into settings: their first plan has no changes.
    expect(r.stdout).toMatch(/# the plan of the imported settings: no changes\n[^$]*?\nPlan: no changes, /);
    // The pull request's plan reads only the account it changes.
    expect(r.stderr).toMatch(/targeted plan: 1 account\(s\) and 0 OU file\(s\) reached, \d+ AWS calls/);
    // Last month's cost report: the account purged on the 15th (one of the sample's) still ran an instance the
    // next day, flagged.
    expect(r.stdout).toMatch(/Preliminary cost report of \d{4}-\d{2}: [\d,.]+ USD/);
    expect(r.stdout).toMatch(
      /## Purges that left costs[^]*\| [\w-]+ \| CC-[A-Z]+ \| [^|]+ \| \d+ \| 2\.40 \| Amazon Elastic Compute Cloud - Compute 2\.40 \| \*\*over\*\* \|/,
    );
    expect(r.stdout).toMatch(/Done\. The emulator answered \d+ AWS calls\./);
  }, 660_000);
});
