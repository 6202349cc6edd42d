import {
  CreateBudgetCommand,
  CreateSubscriberCommand,
  DeleteNotificationCommand,
  DescribeBudgetNotificationsForAccountCommand,
  DescribeBudgetsCommand,
  type Notification,
} from '@aws-sdk/client-budgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, UpdateBudgetChange } from '../../engine/src/domain/generated/types.js';
import { minimalFor, startEmulator, workspace, type Emulator, type Workspace } from '../helpers/org.js';
import { readBack } from '../support/seed.js';

// 105 budgets of 2 thresholds: two pages of 100 for the bulk reads, and 210 notifications.
const N = 105;
const THRESHOLDS = [80, 100];

let emulator: Emulator;
let ws: Workspace;
/** The budgets' names in the order of AWS's pages: the last ones are on the second page. */
let names: string[];

beforeAll(async () => {
  emulator = await startEmulator();
  ws = await workspace(
    emulator,
    {
      ous: ['Sandbox'],
      accounts: Array.from({ length: N }, (_, i) => ({
        name: `user-${String(i).padStart(3, '0')}`,
        email: `user-${String(i).padStart(3, '0')}@example.com`,
        ou: 'Sandbox',
      })),
    },
    minimalFor({
      defaults: { budget: { amount: 100, thresholds: THRESHOLDS } },
      ous: { Sandbox: { managed: true } },
    }),
  );
  await ws.plan();
  const { outcome } = await ws.apply(['--allow-large']);
  expect(outcome.summary.failed).toBe(0);
  names = (await readBack(ws.aws)).budgets.map((b) => b.name).sort();
  expect(names).toHaveLength(N);
}, 300_000);
afterAll(async () => {
  ws?.cleanup();
  await emulator?.stop();
});

const notification = (threshold: number): Notification => ({
  NotificationType: 'ACTUAL',
  ComparisonOperator: 'GREATER_THAN',
  Threshold: threshold,
  ThresholdType: 'PERCENTAGE',
});

const budgetChange = (plan: Plan, name: string) =>
  plan.changes.find(
    (c): c is UpdateBudgetChange => c.action === 'update-budget' && c.before.budget.name === name,
  );

describe('the full plan reads budgets in bulk, and exactly', () => {
  it('finds every budget as applied, in ceil(N/100) pages of each bulk read and one call per threshold', async () => {
    emulator.gateway.resetCounts();
    const { plan } = await ws.plan(['--detailed-exitcode']);
    expect(plan.changes).toEqual([]);
    const calls = Object.fromEntries(
      [...emulator.gateway.calls].filter(([op]) => /Budget|Notification|Subscriber/.test(op)),
    );
    expect(calls).toEqual({
      DescribeBudgets: Math.ceil(N / 100),
      DescribeBudgetNotificationsForAccount: Math.ceil(N / 100),
      DescribeSubscribersForNotification: N * THRESHOLDS.length,
    });
  }, 120_000);

  it('shows what was changed by hand on budgets of either page: a subscriber, every notification, the amount', async () => {
    const [first, lastButOne, last] = [names[0]!, names[N - 2]!, names[N - 1]!];
    const account = ws.managementAccountId;
    await ws.aws.budgets.send(
      new CreateSubscriberCommand({
        AccountId: account,
        BudgetName: last,
        Notification: notification(80),
        Subscriber: { SubscriptionType: 'EMAIL', Address: 'intruder@example.com' },
      }),
    );
    for (const t of THRESHOLDS)
      await ws.aws.budgets.send(
        new DeleteNotificationCommand({
          AccountId: account,
          BudgetName: lastButOne,
          Notification: notification(t),
        }),
      );
    const { UpdateBudgetCommand } = await import('@aws-sdk/client-budgets');
    const current = (
      await ws.aws.budgets.send(new DescribeBudgetsCommand({ AccountId: account, MaxResults: 1 }))
    ).Budgets![0]!;
    expect(current.BudgetName).toBe(first);
    await ws.aws.budgets.send(
      new UpdateBudgetCommand({
        AccountId: account,
        NewBudget: { ...current, BudgetLimit: { Amount: '250', Unit: 'USD' }, CalculatedSpend: undefined },
      }),
    );

    emulator.gateway.resetCounts();
    const { plan } = await ws.plan();
    expect(plan.changes.map((c) => c.action)).toEqual(['update-budget', 'update-budget', 'update-budget']);
    const amount = budgetChange(plan, first)!;
    const after = amount.after.budget.subscribers;
    expect(amount.before.budget).toEqual({
      name: first,
      amount: 250,
      currency: 'USD',
      thresholds: THRESHOLDS,
      subscribers: after,
    });
    const intruded = budgetChange(plan, last)!;
    expect(intruded.before.budget).toEqual({
      name: last,
      amount: 100,
      currency: 'USD',
      thresholds: THRESHOLDS,
      subscribers: [...intruded.after.budget.subscribers, 'intruder@example.com'].sort(),
    });
    expect(budgetChange(plan, lastButOne)!.before.budget).toEqual({
      name: lastButOne,
      amount: 100,
      currency: 'USD',
      thresholds: [],
      subscribers: [],
    });
    // The budget without notifications is absent from the bulk read: its subscribers are not asked for.
    expect(emulator.gateway.calls.get('DescribeSubscribersForNotification')).toBe(
      (N - 1) * THRESHOLDS.length,
    );
    expect(emulator.gateway.calls.get('DescribeNotificationsForBudget')).toBeUndefined();

    const { outcome } = await ws.apply();
    expect(outcome.summary).toMatchObject({ applied: 3, failed: 0 });
    expect((await ws.plan(['--detailed-exitcode'])).plan.changes).toEqual([]);
  }, 180_000);
});

describe("the gateway's pages of Budgets reads, as AWS documents them", () => {
  const account = () => ws.managementAccountId;

  it('cuts DescribeBudgets in pages of 100 by default and DescribeBudgetNotificationsForAccount in pages of 50', async () => {
    const budgets = await ws.aws.budgets.send(new DescribeBudgetsCommand({ AccountId: account() }));
    expect(budgets.Budgets).toHaveLength(100);
    const rest = await ws.aws.budgets.send(
      new DescribeBudgetsCommand({ AccountId: account(), NextToken: budgets.NextToken }),
    );
    expect(rest.NextToken).toBeUndefined();
    expect([...budgets.Budgets!, ...rest.Budgets!].map((b) => b.BudgetName)).toEqual(names);

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ws.aws.budgets.send(
        new DescribeBudgetNotificationsForAccountCommand({ AccountId: account(), NextToken: token }),
      );
      pages++;
      expect(page.BudgetNotificationsForAccount!.length).toBeLessThanOrEqual(50);
      for (const b of page.BudgetNotificationsForAccount!) {
        expect(b.Notifications!.map((n) => n.Threshold).sort((x, y) => x! - y!)).toEqual(THRESHOLDS);
        seen.push(b.BudgetName!);
      }
      token = page.NextToken;
    } while (token);
    expect(pages).toBe(Math.ceil(N / 50));
    expect(seen).toEqual(names);
  });

  it('leaves out budgets without notifications, and refuses a page size beyond 1,000 or a forged token', async () => {
    await ws.aws.budgets.send(
      new CreateBudgetCommand({
        AccountId: account(),
        Budget: {
          BudgetName: 'Other-silent',
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: '5', Unit: 'USD' },
        },
      }),
    );
    const all = await ws.aws.budgets.send(
      new DescribeBudgetNotificationsForAccountCommand({ AccountId: account(), MaxResults: 1000 }),
    );
    expect(all.NextToken).toBeUndefined();
    expect(all.BudgetNotificationsForAccount!.map((b) => b.BudgetName)).toEqual(names);
    const budgets = await ws.aws.budgets.send(
      new DescribeBudgetsCommand({ AccountId: account(), MaxResults: 1000 }),
    );
    expect(budgets.Budgets!.map((b) => b.BudgetName)).toContain('Other-silent');

    await expect(
      ws.aws.budgets.send(
        new DescribeBudgetNotificationsForAccountCommand({ AccountId: account(), MaxResults: 1001 }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ws.aws.budgets.send(
        new DescribeBudgetsCommand({ AccountId: account(), NextToken: 'not-a-token-of-this-read' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });
});
