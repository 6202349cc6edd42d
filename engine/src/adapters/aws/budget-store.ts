import {
  CreateBudgetCommand,
  CreateNotificationCommand,
  CreateSubscriberCommand,
  DeleteBudgetCommand,
  DeleteNotificationCommand,
  DeleteSubscriberCommand,
  DescribeBudgetCommand,
  DescribeBudgetNotificationsForAccountCommand,
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
  DescribeSubscribersForNotificationCommand,
  UpdateBudgetCommand,
  type Budget,
  type BudgetsClient,
  type Notification,
} from '@aws-sdk/client-budgets';
import type { ObservedBudget, ObservedNotification } from '../../observed/types.js';
import type { BudgetLimit, BudgetStore, DesiredBudget } from '../../ports/budgets.js';
import type { AwsCaller } from './retry.js';
import {
  allPages,
  budgetOf,
  errorName,
  isNotFound,
  notification,
  PAGE,
  subscriber,
} from './budget-shapes.js';

/** The budgets of the management account, one per managed account, filtered on that linked account. */
export class AwsBudgetStore implements BudgetStore {
  constructor(
    private readonly client: BudgetsClient,
    private readonly caller: AwsCaller,
    private readonly accountId: string,
  ) {}

  /**
   * Every budget of the account whose name starts with `prefix`, exactly as AWS holds it: the budgets and their
   * notifications in pages of 100 (one bulk read each, whatever the number of budgets), then the subscribers of
   * each notification, which AWS reads one notification at a time. A budget absent from the bulk read of
   * notifications has none.
   */
  async listBudgets(prefix: string): Promise<Map<string, ObservedBudget>> {
    const [all, notifications] = await Promise.all([this.allBudgets(), this.notificationsOfAccount()]);
    const budgets = all.filter((b) => b.BudgetName?.startsWith(prefix));
    const out = await Promise.all(
      budgets.map(async (b) => this.observe(b, notifications.get(b.BudgetName!) ?? [])),
    );
    return new Map(out.sort((a, b) => (a.name < b.name ? -1 : 1)).map((b) => [b.name, b]));
  }

  /**
   * The limits of the monthly cost budgets whose name starts with `prefix` and that are filtered on one account:
   * DescribeBudgets in pages of 100, nothing read per budget.
   */
  async budgetLimits(prefix: string): Promise<BudgetLimit[]> {
    return (await this.allBudgets()).flatMap((b) => {
      const accounts = b.CostFilters?.LinkedAccount ?? [];
      const limit = b.BudgetLimit;
      if (
        !b.BudgetName?.startsWith(prefix) ||
        b.TimeUnit !== 'MONTHLY' ||
        accounts.length !== 1 ||
        !limit?.Amount
      )
        return [];
      return [
        { name: b.BudgetName, accountId: accounts[0]!, amount: limit.Amount, unit: limit.Unit ?? 'USD' },
      ];
    });
  }

  private async allBudgets(): Promise<Budget[]> {
    return allPages(
      (NextToken) =>
        this.caller.read('DescribeBudgets', () =>
          this.client.send(
            new DescribeBudgetsCommand({ AccountId: this.accountId, MaxResults: PAGE, NextToken }),
          ),
        ),
      (page) => page.Budgets,
    );
  }

  /** The notifications of every budget of the account that has some, by budget name. */
  private async notificationsOfAccount(): Promise<Map<string, Notification[]>> {
    const all = await allPages(
      (NextToken) =>
        this.caller.read('DescribeBudgetNotificationsForAccount', () =>
          this.client.send(
            new DescribeBudgetNotificationsForAccountCommand({
              AccountId: this.accountId,
              MaxResults: PAGE,
              NextToken,
            }),
          ),
        ),
      (page) => page.BudgetNotificationsForAccount,
    );
    const out = new Map<string, Notification[]>();
    for (const b of all) {
      if (b.BudgetName) out.set(b.BudgetName, [...(out.get(b.BudgetName) ?? []), ...(b.Notifications ?? [])]);
    }
    return out;
  }

  /** One budget, read by name: the targeted plan's read, two calls and one per threshold. */
  async readBudget(name: string): Promise<ObservedBudget | undefined> {
    try {
      const out = await this.caller.read('DescribeBudget', () =>
        this.client.send(new DescribeBudgetCommand({ AccountId: this.accountId, BudgetName: name })),
      );
      return out.Budget ? await this.observe(out.Budget, await this.notificationsOf(name)) : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async readBudgets(names: readonly string[]): Promise<Map<string, ObservedBudget>> {
    const read = await Promise.all(names.map(async (n) => this.readBudget(n)));
    return new Map(read.flatMap((b) => (b ? [[b.name, b] as const] : [])));
  }

  async createBudget(b: DesiredBudget): Promise<boolean> {
    try {
      await this.caller.write('CreateBudget', () =>
        this.client.send(
          new CreateBudgetCommand({
            AccountId: this.accountId,
            Budget: budgetOf(b),
            NotificationsWithSubscribers: b.notifications.map((n) => ({
              Notification: notification(n.threshold),
              Subscribers: n.subscribers.map(subscriber),
            })),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (errorName(error) === 'DuplicateRecordException') return false;
      throw error;
    }
  }

  async updateBudget(b: DesiredBudget, current: ObservedBudget): Promise<void> {
    if (current.amount !== b.amount || current.currency !== b.currency) {
      await this.caller.write('UpdateBudget', () =>
        this.client.send(new UpdateBudgetCommand({ AccountId: this.accountId, NewBudget: budgetOf(b) })),
      );
    }
    const want = new Map(b.notifications.map((n) => [n.threshold, n.subscribers]));
    const have = new Map(current.notifications.map((n) => [n.threshold, n.subscribers]));
    for (const [threshold] of have) {
      if (!want.has(threshold)) await this.deleteNotification(b.name, threshold);
    }
    for (const [threshold, subscribers] of want) {
      const existing = have.get(threshold);
      if (existing) await this.updateSubscribers(b.name, threshold, subscribers, existing);
      else await this.createNotification(b.name, threshold, subscribers);
    }
  }

  private async deleteNotification(name: string, threshold: number): Promise<void> {
    await this.caller.write('DeleteNotification', () =>
      this.client.send(
        new DeleteNotificationCommand({
          AccountId: this.accountId,
          BudgetName: name,
          Notification: notification(threshold),
        }),
      ),
    );
  }

  private async createNotification(name: string, threshold: number, subscribers: string[]): Promise<void> {
    await this.caller.write('CreateNotification', () =>
      this.client.send(
        new CreateNotificationCommand({
          AccountId: this.accountId,
          BudgetName: name,
          Notification: notification(threshold),
          Subscribers: subscribers.map(subscriber),
        }),
      ),
    );
  }

  /** Adds the subscribers a notification lacks, then removes those it should not have. */
  private async updateSubscribers(
    name: string,
    threshold: number,
    want: string[],
    have: string[],
  ): Promise<void> {
    const target = { AccountId: this.accountId, BudgetName: name, Notification: notification(threshold) };
    for (const address of want.filter((s) => !have.includes(s))) {
      await this.caller.write('CreateSubscriber', () =>
        this.client.send(new CreateSubscriberCommand({ ...target, Subscriber: subscriber(address) })),
      );
    }
    for (const address of have.filter((s) => !want.includes(s))) {
      await this.caller.write('DeleteSubscriber', () =>
        this.client.send(new DeleteSubscriberCommand({ ...target, Subscriber: subscriber(address) })),
      );
    }
  }

  async deleteBudget(name: string): Promise<void> {
    try {
      await this.caller.write('DeleteBudget', () =>
        this.client.send(new DeleteBudgetCommand({ AccountId: this.accountId, BudgetName: name })),
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  private async notificationsOf(name: string): Promise<Notification[]> {
    const budget = { AccountId: this.accountId, BudgetName: name };
    return allPages(
      (NextToken) =>
        this.caller.read('DescribeNotificationsForBudget', () =>
          this.client.send(new DescribeNotificationsForBudgetCommand({ ...budget, NextToken })),
        ),
      (page) => page.Notifications,
    );
  }

  /** A budget and its notifications, with the subscribers of each notification read from AWS. */
  private async observe(b: Budget, notifications: Notification[]): Promise<ObservedBudget> {
    const name = b.BudgetName!;
    const observed: ObservedNotification[] = await Promise.all(
      notifications.map(async (n) => ({
        threshold: n.Threshold ?? 0,
        subscribers: await this.subscribers(name, n),
      })),
    );
    return {
      name,
      amount: Number(b.BudgetLimit?.Amount ?? 0),
      currency: b.BudgetLimit?.Unit ?? 'USD',
      notifications: observed.sort((x, y) => x.threshold - y.threshold),
    };
  }

  private async subscribers(name: string, n: Notification): Promise<string[]> {
    const target = { AccountId: this.accountId, BudgetName: name, Notification: n };
    const subscribers = await allPages(
      (NextToken) =>
        this.caller.read('DescribeSubscribersForNotification', () =>
          this.client.send(new DescribeSubscribersForNotificationCommand({ ...target, NextToken })),
        ),
      (page) => page.Subscribers,
    );
    return subscribers.flatMap((s) => (s.Address ? [s.Address] : [])).sort();
  }
}
