import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of the repository (package.json, package-lock.json, engine/, infra/). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The Lambda entry points that the automation stack bundles. */
export const lambdaDir = join(repoRoot, 'engine/src/entrypoints/lambda');
