// spa validate and spa compile over 10,000 account files, 100 OUs and a 10,000-row CSV.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSettingsTree } from './generate-settings.js';
import { measureNode, median } from './measure.js';

export interface SettingsBench {
  name: string;
  wallMs: number;
  minMs: number;
  cpuMs: number;
  peakMiB: number;
  runs: number;
}

function bench(root: string, dir: string, args: string[], runs: number) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = measureNode([join(root, 'engine/bin/spa.js'), ...args, '--dir', dir]);
    if (r.status !== 0)
      throw new Error(
        `spa ${args[0]} failed (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`,
      );
    results.push(r);
  }
  return {
    wallMs: median(results.map((r) => r.ms)),
    minMs: Math.min(...results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakMiB: Math.max(...results.map((r) => r.maxRssMiB)),
  };
}

/** The settings commands that read every file: validate (diagnostics only) and compile (the whole desired state). */
export function benchSettings(root: string, runs = 3): SettingsBench[] {
  const dir = mkdtempSync(join(tmpdir(), 'spa-bench-validate-'));
  try {
    const shape = generateSettingsTree(dir);
    const size = `${shape.accounts} account files, ${shape.ous} OUs, ${shape.csvRows} CSV rows`;
    const out = join(dir, '..', `${dir.split('/').pop()}-effective.json`);
    return [
      { name: `spa validate: ${size}`, ...bench(root, dir, ['validate', '--format', 'json'], runs), runs },
      { name: `spa compile: ${size}`, ...bench(root, dir, ['compile', '--out', out], runs), runs },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
