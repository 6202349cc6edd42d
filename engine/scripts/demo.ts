#!/usr/bin/env -S npx tsx
// `npm run demo`: the main job of SPA, end to end, on the sample settings at the root of the repository and a
// sample organization in a local AWS emulator (moto on 127.0.0.1): validate, explain, plan, apply, plan again;
// then the account lifecycle on the local runtime: an account created by apply goes from vanilla to released, the
// organization is imported into settings whose plan has no changes, a maintenance window takes it round again, and a failed purge raises an exception; then a budget alert becomes a
// GitHub issue with the account's costs (a loopback GitHub server and webhooks stand for GitHub, Teams and Slack).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, type Gateway } from '../../test/support/aws-gateway.js';
import { DEMO_ORGANIZATION, withManagementAccount } from '../../test/support/demo-org.js';
import { startMoto, type Moto } from '../../test/support/moto.js';
import { startDemoGithub, type DemoGithub } from './demo-exceptions.js';
import { accountRequests } from './demo-request.js';
import { cliEnv, readBack, seedOrganization, testAws, type TestAws } from '../../test/support/seed.js';
import { monthData } from '../../test/helpers/cost-org.js';
import { fixture } from '../../test/helpers/fixtures.js';
import { groupedPages, queueCostAnswers, reportAnswers } from '../../test/support/cost-explorer.js';
import { CloudFormationClient, CreateStackSetCommand } from '@aws-sdk/client-cloudformation';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { RuntimeAccess } from '../src/adapters/aws/runtime-access.js';
import { connectRuntime } from '../src/adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../src/desired/types.js';
import { runtimeNames } from '../src/domain/runtime-names.js';
import { consoleTelemetry } from '../src/entrypoints/local/console-telemetry.js';
import { EventTap } from '../src/entrypoints/local/event-tap.js';
import { LocalRuntime } from '../src/entrypoints/local/local-runtime.js';

// engine/README.md says how and when the project moves to Node 22; the SDK's reminder would clutter the demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const spa = join(root, 'engine/bin/spa.js');
const tty = process.stdout.isTTY === true;
const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[0m` : s);

let moto: Moto | undefined;
/** What the runtime refused (forged events), as its log says. */
const refusals: string[] = [];
let gateway: Gateway | undefined;
let github: DemoGithub | undefined;
const work = mkdtempSync(join(tmpdir(), 'spa-demo-'));
const settingsDir = join(work, 'settings');

async function stop(): Promise<void> {
  await github?.close();
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
    cwd: settingsDir,
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

async function run(steps: [string, string[], number[]][], env: Record<string, string>): Promise<boolean> {
  for (const [title, args, expected] of steps) {
    // The hand-edited copy is made from the plan of the step before.
    if (args[0] === 'apply' && args[1]?.endsWith('-edited.json'))
      tamper(args[1].replace(/-edited\.json$/, '.json'));
    const code = await step(title, args, env);
    if (!expected.includes(code)) {
      console.error(`\nspa ${args[0]} exited with ${code}, expected ${expected.join(' or ')}`);
      return false;
    }
  }
  return true;
}

/** The standard output of the real `spa`. */
function capture(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [spa, ...args], {
    cwd: settingsDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', () => resolve(out)));
}

/** Reads the SPA events that came since the last call, and prints those of one account. */
async function showEvents(tap: EventTap, accountId: string, title: string) {
  const events = (await tap.read()).filter((e) => e.detail.Account === accountId);
  console.log(`\n${bold(`# ${title}`)}`);
  for (const e of events)
    console.log(
      `  ${e.time}  ${e['detail-type']}${typeof e.detail.State === 'string' ? ` (${e.detail.State})` : ''}`,
    );
  return events;
}

type Steps = [string, string[], number[]][];
const PUBLISH_AND_APPLY = (plan: string): Steps => [
  [
    'publish the effective settings and buildspecs for the runtime; one schedule per maintenance window',
    ['publish'],
    [0],
  ],
  ['apply the reviewed plan', ['apply', plan, '--allow-large'], [0]],
];
const AFTER_ON_BOARDING: Steps = [
  [
    'plan again: AWS now matches git (the lifecycle only owns account-state); a full plan, kept as the reference of targeted plans, as the drift workflow keeps it',
    ['plan', '--detailed-exitcode', '--out', join(work, 'main.json')],
    [0],
  ],
  ['the accounts of the lifecycle', ['accounts', 'list', '--ou', 'Sandbox/Personal'], [0]],
];

/** A company adopting SPA: the organization as it is now, imported into settings; their plan has no changes. */
function adoption(): Steps {
  const imported = join(work, 'imported');
  return [
    [
      'adopt an existing organization: write the settings that describe Sandbox as it is (OUs, accounts, budgets, shared tags in a CSV), reading AWS only',
      [
        'import',
        '--ou',
        'Sandbox',
        '--environment',
        'SpaDemo',
        '--management-role-arn',
        'arn:aws:iam::123456789012:role/SpaOrganizationsRole',
        '--out',
        imported,
      ],
      [0],
    ],
    [
      'the plan of the imported settings: no changes',
      ['plan', '--dir', imported, '--detailed-exitcode'],
      [0],
    ],
  ];
}

/** A pull request that changes one tag of one account file, in a copy of the settings: its targeted plan. */
function pullRequest(): Steps {
  const head = join(work, 'pull-request');
  for (const part of ['settings.yaml', 'accounts', 'organizational-units', 'tags-csv', 'schemas', 'infra'])
    cpSync(join(settingsDir, part), join(head, part), { recursive: true });
  const file = join(head, 'accounts/alice-sandbox.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('serverless-training', 'data-training'));
  return [
    [
      'a pull request changes one tag of alice-sandbox: its plan reads only that account, standing on the full plan above',
      [
        'plan',
        '--dir',
        head,
        '--base',
        '.',
        '--reference',
        join(work, 'main.json'),
        '--out',
        join(work, 'pull-request.json'),
        '--base-out',
        join(work, 'base.json'),
      ],
      [0],
    ],
  ];
}

/**
 * The lifecycle on the local runtime: publish, apply, the new account on-boarded, a maintenance window, a failed
 * purge, the operators' list and check.
 */
async function lifecycle(
  env: Record<string, string>,
  gateway: Gateway,
  aws: TestAws,
  plan: string,
): Promise<boolean> {
  console.log(
    `\n${bold('# The lifecycle runtime, played locally on the emulator (spa runtime local runs the same)')}`,
  );
  const desired = JSON.parse(await capture(['compile'], env)) as DesiredOrganization;
  const base = {
    region: 'us-east-1',
    endpoint: gateway.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const runtime = await connectRuntime(base, desired.settings, desired.environment);
  const telemetry = consoleTelemetry(
    (line) => {
      const { message } = JSON.parse(line) as { message: string };
      // The refusals are shown by the step that provokes one.
      if (message.startsWith('refused an event: ')) refusals.push(message.slice('refused an event: '.length));
      else console.log(`  log ${line}`);
    },
    { quiet: true },
  );
  github = await startDemoGithub(desired, runtime, moto!.endpoint);
  const rt = await LocalRuntime.start({
    desired,
    runtime,
    managementAccess: base,
    telemetry,
    visibilityTimeoutSeconds: 2,
    github: { apiUrl: github.server.url, writeIntervalMs: 10 },
    webhookBackoffMs: 50,
  });
  const tap = await EventTap.create(runtime.clients, 'spa-demo-events');
  console.log(
    `automation account ${runtime.account}: queues, rules of its default bus, tables and bucket created`,
  );
  if (!(await run(PUBLISH_AND_APPLY(plan), env))) return false;
  await rt.runUntilIdle();
  const dan = (await readBack(aws)).accounts.find((a) => a.email === 'dan.sandbox@example.com')!;
  await showEvents(
    tap,
    dan.id,
    `the events of dan-sandbox (${dan.id}), created by apply: vanilla -> assigned -> prepared -> released`,
  );
  if (!(await run([...AFTER_ON_BOARDING, ...adoption(), ...pullRequest()], env))) return false;
  if (!(await memberTargets(env, aws, desired.environment))) return false;
  await github.queueCosts(dan.id);
  if (!(await maintenance(env, rt, tap, dan.id))) return false;
  if (!(await trust(env, rt, tap, aws, dan.id))) return false;
  if (!(await github.budgetAlert(rt, dan.id))) return false;
  if (!(await reports(env, rt, runtime, desired.environment))) return false;
  return accountRequests({ server: github.server, token: 'demo-installation-token', spa, settingsDir });
}

/** The member accounts' StackSet as the deploy creates it, then kept on the managed OUs by spa publish. */
async function memberTargets(
  env: Record<string, string>,
  aws: TestAws,
  environment: string,
): Promise<boolean> {
  const name = runtimeNames(environment).stacks.members;
  await new CloudFormationClient({
    endpoint: aws.endpoint,
    region: 'us-east-1',
    credentials: aws.credentials,
  }).send(
    new CreateStackSetCommand({
      StackSetName: name,
      TemplateBody: JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }),
      PermissionModel: 'SERVICE_MANAGED',
    }),
  );
  console.log(
    `\n${bold(`# StackSet ${name} created in the emulator, with no OU target (the deploy's stand-in)`)}`,
  );
  return run(
    [
      [`the OUs the StackSet would target: the outermost managed ones (a dry run)`, ['publish'], [0]],
      [
        'with --yes, the StackSet targets them: their accounts get the member stack',
        ['publish', '--yes'],
        [0],
      ],
    ],
    env,
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Last month as the lifecycle would have recorded it: on-boardings and maintenances, put on the bus. */
async function lastMonthActivities(
  rt: LocalRuntime,
  runtime: RuntimeAccess,
  environment: string,
  ids: string[],
  start: Date,
) {
  const at = (dayOfMonth: number, hour: number) =>
    new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), dayOfMonth, hour)).toISOString();
  const entries = ids.slice(0, 6).map((account, i) => {
    const begin = at(3 + 4 * i, 2);
    const seconds = 1500 + 420 * i;
    return {
      Source: 'SustainablePersonalAccounts',
      DetailType: i % 2 === 0 ? 'SuccessfulOnBoarding' : 'SuccessfulMaintenance',
      Detail: JSON.stringify({
        Environment: environment,
        Account: account,
        Transaction: i % 2 === 0 ? 'on-boarding' : 'maintenance',
        Identifier: `demo-${i}`,
        Begin: begin,
        End: new Date(Date.parse(begin) + seconds * 1000).toISOString(),
        DurationSeconds: seconds,
      }),
    };
  });
  await runtime.clients.eventBridge.send(new PutEventsCommand({ Entries: entries }));
  // Console sign-ins through a role, each put by its member account as its forwarding rule does.
  for (const [i, account] of ids.slice(0, 4).entries()) {
    const e = fixture('signin-console-login-assumed-role', {
      '444444444444': account,
      '2026-11-28T10:30:00Z': at(5 + 6 * i, 9).replace('.000Z', 'Z'),
    });
    await (
      await rt.relay.bus(account)
    ).send(
      new PutEventsCommand({
        Entries: [
          {
            Source: e.source as string,
            DetailType: e['detail-type'] as string,
            Detail: JSON.stringify({ ...(e.detail as object), eventID: `demo-login-${i}` }),
          },
        ],
      }),
    );
  }
}

/**
 * The reports of last month (costs, activities) and this week's inventory, written into reports/ of a scratch
 * copy; Cost Explorer's answers are queued in the emulator as the tests queue them.
 */
async function reports(
  env: Record<string, string>,
  rt: LocalRuntime,
  runtime: RuntimeAccess,
  environment: string,
): Promise<boolean> {
  const now = new Date();
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const active = (await readBack(await testAws(env.AWS_ENDPOINT_URL!, '123456789012'))).accounts.filter(
    (a) => a.status === 'ACTIVE',
  );
  const ids = active.map((a) => a.id);
  // Cost Explorer sees the cost center tag that each account carried when its costs were incurred.
  const costCenters = Object.fromEntries(
    active.flatMap((a) => (a.tags['cost-center'] ? [[a.id, a.tags['cost-center']]] : [])),
  );
  await lastMonthActivities(rt, runtime, environment, ids, lastMonth);
  await rt.runUntilIdle();
  const window = (from: Date, to: Date) => ({ start: day(from), end: day(to) });
  const before = monthData(
    ids,
    window(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)), lastMonth),
    6,
  );
  await queueCostAnswers(moto!.endpoint, '123456789012', [
    // The month, the months before (the trend), the services of the month before (the movers), and the days
    // after last month's purges: the account purged on the 15th still ran an instance the next day.
    ...reportAnswers(
      {
        ...monthData(ids, window(lastMonth, thisMonth), 7, { costCenters }),
        residuals: {
          days: [
            {
              day: day(new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth(), 16))),
              items: [
                {
                  account: ids[3]!,
                  service: 'Amazon Elastic Compute Cloud - Compute',
                  usageType: 'BoxUsage:t3.micro',
                  recordType: 'Usage',
                  amount: '2.4000000000',
                },
              ],
            },
          ],
        },
      },
      before,
    ),
    ...(day(thisMonth) < day(now)
      ? groupedPages(
          monthData(ids, window(thisMonth, now), 8).items.filter((l) => l.recordType === 'Usage'),
          undefined,
          window(thisMonth, now),
          { pageSize: 100, tag: 'mtd' },
        )
      : []),
  ]);
  const out = mkdtempSync(join(tmpdir(), 'spa-demo-reports-'));
  console.log(
    `\n${bold("# Last month's reports, from Cost Explorer (answers queued in the emulator) and the runtime's tables")}`,
  );
  const ok = await run(
    [
      ['the cost report of last month', ['report', 'costs', '--out', out], [0]],
      ['the activities of last month, per cost center', ['report', 'activities', '--out', out], [0]],
      [
        "the activities of this month so far (the demo's own on-boarding and maintenances)",
        ['report', 'activities', '--month', day(now).slice(0, 7), '--out', out],
        [0],
      ],
      ['the inventory of this week', ['report', 'inventory', '--out', out], [0]],
    ],
    env,
  );
  if (ok) {
    // What FinOps reads first in the cost report of a month with purges: the account whose purge left costs.
    const month = day(lastMonth).slice(0, 7);
    const readme = readFileSync(join(out, 'reports/costs', month.slice(0, 4), month, 'README.md'), 'utf8');
    const purges = /## Purges that left costs[\s\S]*?(?=\n## )/.exec(readme)?.[0];
    if (purges)
      console.log(
        `\n${bold(`# reports/costs/${month.slice(0, 4)}/${month}/README.md, one of its sections`)}\n${purges.trim()}`,
      );
    console.log(
      `\n${bold('The reports are in')} ${join(out, 'reports')} (kept after the demo; open the README.md of each folder).`,
    );
  }
  return ok;
}

/** A maintenance window over the new account, then one whose purge fails. */
async function maintenance(
  env: Record<string, string>,
  rt: LocalRuntime,
  tap: EventTap,
  danId: string,
): Promise<boolean> {
  console.log(
    `\n${bold('$ spa runtime local --fire maintenance --ou Sandbox/Personal')}\n${bold('# the maintenance window of Sandbox/Personal: every released account expires, is purged, prepared, released')}`,
  );
  console.log(`fired ${(await rt.fire('Sandbox/Personal')).join(', ')}`);
  await rt.runUntilIdle();
  await showEvents(tap, danId, 'the events of dan-sandbox at the window');

  console.log(
    `\n${bold('# the next window, with the purge of dan-sandbox failing (spa runtime local --fail-builds SpaPurge@ACCOUNT)')}`,
  );
  rt.builds.setOutcome(danId, 'SpaPurge', 'FAILED');
  await rt.fire('Sandbox/Personal');
  await rt.runUntilIdle();
  const failed = await showEvents(
    tap,
    danId,
    'the events of dan-sandbox: the failed purge is an exception, the account stays expired',
  );
  const exception = failed.find((e) => e['detail-type'] === 'FailedCodebuildException');
  if (!exception) {
    console.error('expected a FailedCodebuildException');
    return false;
  }
  console.log(JSON.stringify(exception.detail, null, 2));
  if (
    !(await run(
      [['the original CheckAccounts: dan-sandbox is not released', ['accounts', 'check'], [1]]],
      env,
    ))
  )
    return false;
  return true;
}

/**
 * Who sent it decides whether it counts: a member account puts on the central bus a ReleasedAccount about
 * dan-sandbox, which the runtime refuses with its reason. The accounts of the earlier SPA (released, without a
 * record) were adopted by the window; spa accounts adopt does the others in bulk.
 */
async function trust(
  env: Record<string, string>,
  rt: LocalRuntime,
  tap: EventTap,
  aws: TestAws,
  danId: string,
): Promise<boolean> {
  await tap.read();
  const adopted = tap.events.filter((e) => e['detail-type'] === 'AdoptedAccount');
  console.log(
    `\n${bold('# accounts of an earlier SPA (tagged released, without a record), met by the runtime at the tag changes of apply and at the window: adopted first')}`,
  );
  for (const e of adopted.slice(0, 3))
    console.log(`  ${e.time}  AdoptedAccount ${String(e.detail.Account)} (${String(e.detail.State)})`);
  if (adopted.length > 3) console.log(`  ... and ${adopted.length - 3} more`);
  if (
    !(await run(
      [
        [
          'the accounts of the lifecycle the runtime has no record of yet (a dry run)',
          ['accounts', 'adopt'],
          [0],
        ],
        [
          'adopt them: their records are written in the state their tag shows',
          ['accounts', 'adopt', '--yes'],
          [0],
        ],
      ],
      env,
    ))
  )
    return false;
  const mallory = (await readBack(aws)).accounts.find(
    (a) => a.status === 'ACTIVE' && a.id !== danId && a.id !== aws.managementAccountId,
  )!;
  console.log(
    `\n${bold(`# account ${mallory.id} puts "ReleasedAccount" about dan-sandbox on the central bus: refused, logged with its sender, counted`)}`,
  );
  await (
    await rt.relay.bus(mallory.id)
  ).send(
    new PutEventsCommand({
      Entries: [
        {
          Source: 'SustainablePersonalAccounts',
          DetailType: 'ReleasedAccount',
          Detail: JSON.stringify({ Environment: 'SpaDemo', Account: danId, State: 'released' }),
        },
      ],
    }),
  );
  await rt.runUntilIdle();
  const refused = refusals.at(-1);
  if (!refused) {
    console.error('expected the forged event to be refused');
    return false;
  }
  console.log(`refused: ${refused}`);
  return true;
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
  // The sample settings, with the role the runtime's Lambdas assume in the management account: the automation
  // account is another one.
  for (const part of [
    'accounts',
    'organizational-units',
    'tags-csv',
    'buildspecs',
    'schemas',
    'infra/policies',
  ])
    cpSync(join(root, part), join(settingsDir, part), { recursive: true });
  writeFileSync(
    join(settingsDir, 'settings.yaml'),
    withManagementAccount(
      readFileSync(join(root, 'settings.yaml'), 'utf8'),
      '123456789012',
      'arn:aws:iam::123456789012:role/SpaOrganizationsRole',
      // The demo stays on loopback: fixed exchange rates instead of the rates service of the sample.
    ).replace(/exchangeRates:\n(\s+)url: .*\n/, 'exchangeRates:\n$1fixed: { EUR: 0.92 }\n'),
  );
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
  ];
  if (!(await run(steps, env))) return 1;

  if (!(await lifecycle(env, gateway, aws, plan))) return 1;
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
