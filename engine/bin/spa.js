#!/usr/bin/env node
// The `spa` command. The engine is compiled to engine/dist by `npm run build` (run by `npm ci` through `prepare`).
// The README says how and when the project moves to Node 22; the SDK's reminder would drown the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { run } = await import('../dist/entrypoints/cli/main.js');

process.exitCode = await run(process.argv.slice(2));
