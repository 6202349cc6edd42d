import { randomUUID } from 'node:crypto';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { SeedSpec } from '../support/seed.js';
import { fixture } from './fixtures.js';
import type { Emulator } from './org.js';
import { runtimeWorld, type RuntimeWorld } from './runtime.js';

/**
 * An organization with a runtime whose tables hold a month of activities: cost centers on most accounts, one
 * account without, one whose cost center looks like a formula, a closed one, and one SPA does not manage.
 */
export const REPORT_SEED: SeedSpec = {
  ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'],
  accounts: [
    {
      name: 'alice',
      email: 'alice@example.com',
      ou: 'Sandbox/Personal',
      tags: {
        'cost-center': 'CC-TRAINING',
        'account-state': 'released',
        'account-holder': 'alice@example.com',
      },
    },
    {
      name: 'bob',
      email: 'bob@example.com',
      ou: 'Sandbox/Personal',
      tags: { 'cost-center': 'CC-TRAINING', 'account-state': 'released' },
    },
    {
      name: 'carol',
      email: 'carol@example.com',
      ou: 'Sandbox',
      tags: { 'cost-center': 'CC-RESEARCH', 'account-state': 'released' },
    },
    {
      name: 'erin',
      email: 'erin@example.com',
      ou: 'Sandbox/Personal',
      tags: { 'account-state': 'released' },
    },
    {
      name: '@SUM(A1)',
      email: 'heidi@example.com',
      ou: 'Sandbox',
      tags: { 'cost-center': '=1+1', 'account-state': 'released' },
    },
    { name: 'web', email: 'web@example.com', ou: 'Workloads', tags: { 'cost-center': 'CC-PLATFORM' } },
    {
      name: 'grace',
      email: 'grace@example.com',
      ou: 'Workloads',
      tags: { 'cost-center': 'CC-PLATFORM' },
      closed: true,
    },
  ],
};

export interface ReportWorld extends RuntimeWorld {
  idOf(name: string): string;
}

export async function reportWorld(
  emulator: Emulator,
  settings: Record<string, unknown> = {},
): Promise<ReportWorld> {
  const w = await runtimeWorld(emulator, REPORT_SEED, {
    ous: { Sandbox: { managed: true, budget: { amount: 150 } }, Workloads: {} },
    // The cost centers the settings give (as AWS has them): an activity recorded without one takes its account's.
    csv: {
      'finops.csv':
        'Account,Tag: cost-center\nalice@example.com,CC-TRAINING\nbob@example.com,CC-TRAINING\ncarol@example.com,CC-RESEARCH\n',
    },
    settings: { reporting: { costExplorerCallsPerDay: 20 }, ...settings },
  });
  const idOf = (name: string) =>
    w.ws.seeded.accountIds.get(REPORT_SEED.accounts!.find((a) => a.name === name)!.email)!;
  return { ...w, idOf };
}

export interface Transaction {
  kind: 'SuccessfulOnBoarding' | 'SuccessfulMaintenance';
  account: string;
  begin: string;
  seconds: number;
  costCenter?: string;
}

/** The activities of the lifecycle, put on the bus as the lifecycle puts them, stored by the activity handler. */
export async function putTransactions(w: RuntimeWorld, transactions: readonly Transaction[]): Promise<void> {
  await w.runtime.clients.eventBridge.send(
    new PutEventsCommand({
      Entries: transactions.map((t) => ({
        Source: 'SustainablePersonalAccounts',
        DetailType: t.kind,
        Detail: JSON.stringify({
          Environment: w.desired.environment,
          Account: t.account,
          Transaction: t.kind === 'SuccessfulOnBoarding' ? 'on-boarding' : 'maintenance',
          Identifier: randomUUID(),
          Begin: t.begin,
          End: new Date(Date.parse(t.begin) + t.seconds * 1000).toISOString(),
          DurationSeconds: t.seconds,
          ...(t.costCenter ? { CostCenter: t.costCenter } : {}),
        }),
      })),
    }),
  );
}

/** Console sign-ins through a role, each put by its member account as the forwarding rule does. */
export async function putConsoleLogins(
  w: RuntimeWorld,
  logins: readonly { account: string; at: string }[],
): Promise<void> {
  for (const l of logins) {
    const e = fixture('signin-console-login-assumed-role', {
      '444444444444': l.account,
      '2026-11-28T10:30:00Z': l.at,
    });
    const bus = await w.rt.relay.bus(l.account);
    await bus.send(
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
}
