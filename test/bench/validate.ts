// spa validate over 10,000 account files, 100 OUs and a 10,000-row CSV.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSettingsTree } from './generate-settings.js';
import { measureNode, median } from './measure.js';

export function benchValidate(root: string, runs = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'spa-bench-validate-'));
  try {
    const shape = generateSettingsTree(dir);
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = measureNode([join(root, 'engine/bin/spa.js'), 'validate', '--dir', dir, '--format', 'json']);
      if (r.status !== 0)
        throw new Error(
          `spa validate failed (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`,
        );
      results.push(r);
    }
    return {
      name: `spa validate: ${shape.accounts} account files, ${shape.ous} OUs, ${shape.csvRows} CSV rows`,
      wallMs: median(results.map((r) => r.ms)),
      minMs: Math.min(...results.map((r) => r.ms)),
      peakMiB: Math.max(...results.map((r) => r.maxRssMiB)),
      runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
