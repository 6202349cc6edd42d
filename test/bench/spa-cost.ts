// What SPA itself costs: a month of the runtime played on the local runtime against the emulator, each part of
// it over every account of a small organization (a maintenance window, console sign-ins, budget alerts), its
// requests counted by the gateway, then scaled per account and month by the assumptions below; the reports'
// Cost Explorer requests are counted by the costs benchmark. The prices are in spa-prices.ts.
import { randomUUID } from 'node:crypto';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { handleDeadlines } from '../../engine/src/entrypoints/lambda/on-deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { costWorld, type CostWorld } from './spa-cost-world.js';
import { ASSUMPTIONS } from './spa-usage.js';

export interface Phase {
  name: string;
  /** How many times the phase's event happened: accounts through the window, sign-ins, alerts. */
  events: number;
  /**
   * Events spread over the month (sign-ins, alerts): each message is an invocation of its own in AWS, where the
   * emulator's queue hands several to one; a window's burst is batched as counted.
   */
  spread: boolean;
  /** Calls per service and operation as signed, the sweeper's of each tick taken out. */
  calls: Record<string, number>;
  spaEvents: number;
  forwardedEvents: number;
  /** Per queue: invocations, their handler milliseconds and messages. */
  invocations: Record<string, { count: number; ms: number; messages: number }>;
  logBytes: number;
}

export interface Sweep {
  calls: Record<string, number>;
  ms: number;
}

/** Runs `act` and counts what the runtime did meanwhile, without what the local runtime plays for AWS. */
async function measure(
  world: CostWorld,
  [name, events, spread]: [string, number, boolean],
  sweep: Sweep,
  act: () => Promise<void>,
): Promise<Phase> {
  const { w, emulator } = world;
  const gateway = emulator.gateway;
  const counted = { spa: 0, forwarded: 0 };
  gateway.setIntercept('PutEvents', (call) => {
    for (const e of (call.input.Entries as { Source?: string }[] | undefined) ?? [])
      if (e.Source === 'SustainablePersonalAccounts') counted.spa++;
      else counted.forwarded++;
    return Promise.resolve(undefined);
  });
  let ticks = 0;
  const tick = w.rt.tick.bind(w.rt);
  w.rt.tick = () => ((ticks += 1), tick());
  const logsBefore = w.logs.length;
  gateway.resetCounts();
  world.invocations.length = 0;
  try {
    await act();
  } finally {
    w.rt.tick = tick;
    gateway.setIntercept('PutEvents', undefined);
  }
  const calls: Record<string, number> = {};
  for (const [key, n] of gateway.signed) calls[key] = Math.max(0, n - ticks * (sweep.calls[key] ?? 0));
  const invocations: Phase['invocations'] = {};
  for (const i of world.invocations) {
    const q = (invocations[i.queue] ??= { count: 0, ms: 0, messages: 0 });
    q.count++;
    q.ms += i.durationMs;
    q.messages += i.messages;
  }
  const logBytes = w.logs.slice(logsBefore).reduce((s, l) => s + l.length + 1, 0);
  return {
    name,
    events,
    spread,
    calls,
    spaEvents: counted.spa,
    forwardedEvents: counted.forwarded,
    invocations,
    logBytes,
  };
}

/** The sweeper's calls and time in one run (the local runtime runs it every tick; AWS every 5 minutes). */
async function measureSweep(world: CostWorld): Promise<Sweep> {
  const gateway = world.emulator.gateway;
  gateway.resetCounts();
  const started = performance.now();
  await handleDeadlines(await world.w.rt.deps());
  const ms = performance.now() - started;
  return { calls: Object.fromEntries(gateway.signed), ms };
}

/** A maintenance window over every account: expired, purged, assigned, prepared and released again. */
async function windowPhase(world: CostWorld, sweep: Sweep): Promise<Phase> {
  const phase = await measure(world, ['maintenance window', world.ids.length, false], sweep, async () => {
    await world.w.rt.fire('Sandbox');
    await world.w.rt.runUntilIdle(600);
  });
  const states = await Promise.all(world.ids.map(async (id) => (await world.w.record(id))?.state));
  const released = states.filter((s) => s === 'released').length;
  if (released !== world.ids.length)
    throw new Error(
      `the window left ${world.ids.length - released} accounts not released: ${states.join(',')}`,
    );
  return phase;
}

/** One console sign-in per account, forwarded by the account's bus. */
async function signInPhase(world: CostWorld, sweep: Sweep): Promise<Phase> {
  const { w, ids } = world;
  return measure(world, ['console sign-in', ids.length, true], sweep, async () => {
    for (const id of ids) {
      const e = fixture('signin-console-login-assumed-role', {
        '444444444444': id,
        '2026-11-28T10:30:00Z': new Date().toISOString(),
      });
      await (
        await w.rt.relay.bus(id)
      ).send(
        new PutEventsCommand({
          Entries: [
            {
              Source: e.source as string,
              DetailType: e['detail-type'] as string,
              Detail: JSON.stringify({ ...(e.detail as object), eventID: randomUUID() }),
            },
          ],
        }),
      );
    }
    await w.rt.runUntilIdle(600);
  });
}

/** A budget alert on one account in ten: AWS Budgets publishes to the budget topic; the first of the month opens an issue. */
async function alertPhase(world: CostWorld, sweep: Sweep): Promise<Phase> {
  const { w, ids, emulator } = world;
  const alerting = ids.filter((_, i) => i % 10 === 0);
  const sns = w.runtime.session.client(SNSClient);
  // moto lacks GetCostForecast: the gateway answers it, as Cost Explorer would, so that each counts once.
  emulator.gateway.setIntercept('GetCostForecast', () =>
    Promise.resolve({ Total: { Amount: '42.0', Unit: 'USD' }, ForecastResultsByTime: [] }),
  );
  const env = w.desired.environment;
  const mgmt = w.desired.settings.aws.managementAccountId;
  const phase = await measure(world, ['budget alert', alerting.length, true], sweep, async () => {
    for (const id of alerting)
      await sns.send(
        new PublishCommand({
          TopicArn: w.rt.budgetTopicArn,
          Subject: 'AWS Budgets',
          Message: [
            'AWS Budget Notification',
            `AWS Account ${mgmt}`,
            '',
            `You requested that we alert you when the ACTUAL Cost associated with your ${env}-${id} budget is greater than $80.00 for the current month.`,
            '',
            `Budget Name: ${env}-${id}`,
            'Budget Type: Cost',
            'Budgeted Amount: $100.00',
            'Alert Type: ACTUAL',
            'Alert Threshold: > $80.00',
            'ACTUAL Amount: $85.12',
          ].join('\n'),
        }),
      );
    await w.rt.runUntilIdle(600);
  });
  const opened = [...world.github.issues.values()].filter((i) => i.labels.includes('BudgetAlertException'));
  if (opened.length !== alerting.length || !opened.every((i) => i.body.includes('| **Total** |')))
    throw new Error(
      `${alerting.length} budget alerts opened ${opened.length} issues, not each with its costs`,
    );
  return phase;
}

export interface SpaCostRun {
  accounts: number;
  sweep: Sweep;
  phases: Phase[];
  /** Phases per account and month: how often each phase's event happens. */
  rates: number[];
}

export async function simulateMonth(size: number, log: (s: string) => void): Promise<SpaCostRun> {
  const world = await costWorld(size, log);
  try {
    const sweep = await measureSweep(world);
    log('a maintenance window over every account');
    const window = await windowPhase(world, sweep);
    log('a console sign-in per account');
    const signIn = await signInPhase(world, sweep);
    log('budget alerts on one account in ten');
    const alert = await alertPhase(world, sweep);
    const a = ASSUMPTIONS;
    return {
      accounts: size,
      sweep,
      phases: [window, signIn, alert],
      rates: [a.windowsPerMonth, a.signInsPerMonth, a.budgetAlertsPerMonth],
    };
  } finally {
    await world.stop();
  }
}
