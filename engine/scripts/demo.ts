#!/usr/bin/env -S npx tsx
// `npm run demo`: the main job of SPA, end to end, on the sample settings at the root of the repository and a
// sample organization in a local AWS emulator (moto on 127.0.0.1): validate, explain, plan, apply, plan again.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, type Gateway } from '../../test/support/aws-gateway.js';
import { DEMO_ORGANIZATION } from '../../test/support/demo-org.js';
import { startMoto, type Moto } from '../../test/support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../../test/support/seed.js';

// The README says how and when the project moves to Node 22; the SDK's reminder would clutter the demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const spa = join(root, 'engine/bin/spa.js');
const tty = process.stdout.isTTY === true;
const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[0m` : s);

let moto: Moto | undefined;
let gateway: Gateway | undefined;
const work = mkdtempSync(join(tmpdir(), 'spa-demo-'));

async function stop(): Promise<void> {
  await gateway?.stop();
  await moto?.stop();
  rmSync(work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the emulator\n`);
    void stop().then(() => process.exit(130));
  });
}

/** Runs the real `spa` binary; asynchronously, since the gateway it talks to lives in this process. */
function step(title: string, args: string[], env: Record<string, string>): Promise<number> {
  console.log(`\n${bold(`$ spa ${args.join(' ')}`)}\n${bold(`# ${title}`)}`);
  const child = spawn(process.execPath, [spa, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env, FORCE_COLOR: tty ? '1' : '0' },
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 3)));
}

const tampered = (plan: string) => plan.replace(/\.json$/, '-edited.json');

/** A hand-edited copy of the plan: the first tag value it sets is changed. */
function tamper(plan: string): void {
  const parsed = JSON.parse(readFileSync(plan, 'utf8')) as {
    changes: { after: { tags?: Record<string, unknown> } | null }[];
  };
  const tags = parsed.changes.find((c) => c.after?.tags)?.after?.tags;
  if (!tags) throw new Error('the demo plan sets no tag');
  tags[Object.keys(tags)[0]!] = 'EDITED-BY-HAND';
  writeFileSync(tampered(plan), JSON.stringify(parsed, null, 2));
}

async function main(): Promise<number> {
  console.log(bold('Starting the AWS emulator (moto, loopback only)...'));
  moto = await startMoto();
  gateway = await startGateway(moto.endpoint);
  console.log(
    `moto on ${moto.endpoint}, reached through ${gateway.endpoint} (the gateway adds the Budgets operations and the PutAccountName that moto lacks)`,
  );
  const aws = await testAws(gateway.endpoint, '123456789012');
  await seedOrganization(aws, DEMO_ORGANIZATION);
  console.log(
    'Seeded organization 123456789012: OUs Sandbox, Sandbox/Personal, Workloads; 11 accounts, some untagged, some in the wrong OU, one named otherwise, one not created yet, one without a file, one that left SPA; no alternate contact, no service control policy but FullAWSAccess.',
  );
  const env = { ...cliEnv(gateway.endpoint), SPA_AWS_RETRY_BASE_MS: '50' };
  delete (env as Record<string, string | undefined>).SPA_GIT_COMMIT;
  const plan = join(work, 'plan.json');
  const steps: [string, string[], number[]][] = [
    ['check every settings file', ['validate'], [0]],
    [
      'the effective settings of one account, with the source of each value',
      ['explain', 'alice-sandbox'],
      [0],
    ],
    [
      'the whole desired organization as data, every value with its source (what the runtime reads)',
      ['compile', '--out', join(work, 'effective.json')],
      [0],
    ],
    ['what would change in AWS; the plan is saved for apply', ['plan', '--out', plan], [0]],
    [
      'a copy of the plan edited by hand (one tag value changed): apply refuses it, since its digest no longer matches',
      ['apply', tampered(plan), '--allow-large'],
      [1],
    ],
    [
      'the plan closes an account and touches most accounts: apply refuses it without --allow-large',
      ['apply', plan],
      [1],
    ],
    ['apply the reviewed plan', ['apply', plan, '--allow-large'], [0]],
    ['plan again: AWS now matches git', ['plan', '--detailed-exitcode'], [0]],
  ];
  for (const [title, args, expected] of steps) {
    if (args[1] === tampered(plan)) tamper(plan);
    const code = await step(title, args, env);
    if (!expected.includes(code)) {
      console.error(`\nspa ${args[0]} exited with ${code}, expected ${expected.join(' or ')}`);
      return 1;
    }
  }
  console.log(
    `\n${bold('Done.')} The emulator answered ${[...gateway.calls.values()].reduce((a, b) => a + b, 0)} AWS calls.`,
  );
  return 0;
}

main()
  .then(async (code) => {
    await stop();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await stop();
    process.exit(3);
  });
