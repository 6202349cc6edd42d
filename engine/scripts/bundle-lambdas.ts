#!/usr/bin/env -S npx tsx
// Bundles each Lambda handler with esbuild: ESM, for the nodejs24.x runtime on arm64, minified, with the AWS SDK
// and Powertools inside (versions pinned by package.json, not the runtime's). Output: engine/dist-lambda/<name>/.
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HANDLERS = [
  'on-lifecycle-event',
  'on-maintenance',
  'on-activity',
  'on-exception',
  'on-deadline',
  'on-report',
] as const;
export const outDir = join(root, 'engine/dist-lambda');

export async function bundleLambdas(): Promise<{ name: string; file: string; bytes: number }[]> {
  const out = [];
  for (const name of HANDLERS) {
    const file = join(outDir, name, 'index.mjs');
    await build({
      entryPoints: [join(root, 'engine/src/entrypoints/lambda', `${name}.ts`)],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      mainFields: ['module', 'main'],
      // Some dependencies are CommonJS and call require: give ESM a require.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      logLevel: 'warning',
    });
    out.push({ name, file, bytes: statSync(file).size });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const b of await bundleLambdas()) console.log(`${b.name}: ${(b.bytes / 1024).toFixed(0)} KiB`);
}
