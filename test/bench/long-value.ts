// spa validate over settings that hold one very long value: the checks of every value stay linear in its length.
import { join } from 'node:path';
import { writeTree } from '../helpers/cli.js';
import { minimalTree } from '../helpers/tree.js';
import { measureNode } from './measure.js';

export interface LongValueBench {
  name: string;
  bytes: number;
  wallMs: number;
  codes: string[];
}

/** A tag value of `bytes` letters and a CSV note of `bytes` characters, validated by the built CLI. */
export function benchLongValue(root: string, bytes: number): LongValueBench {
  const value = 'a'.repeat(bytes);
  const tree = minimalTree({
    ous: { Sandbox: {} },
    accounts: { alice: { organizationalUnit: 'Sandbox', tags: { project: value } } },
    csv: { 'notes.csv': `Account,Note\nalice@example.com,${'https://'.repeat(bytes / 8)}\n` },
  });
  const { dir, cleanup } = writeTree(tree);
  try {
    const r = measureNode([join(root, 'engine/bin/spa.js'), 'validate', '--dir', dir, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string }[] };
    return {
      name: `spa validate: a ${bytes.toLocaleString('en')}-character tag value and CSV note`,
      bytes,
      wallMs: r.ms,
      codes: [...new Set(report.diagnostics.map((d) => d.code))].sort(),
    };
  } finally {
    cleanup();
  }
}
