#!/usr/bin/env node
// The `spa` command. The engine is compiled to engine/dist by `npm run build` (run by `npm ci` through `prepare`).
import { run } from '../dist/entrypoints/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
