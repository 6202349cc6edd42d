import type { Budget, Notification, Subscriber } from '@aws-sdk/client-budgets';
import type { DesiredBudget } from '../../ports/budgets.js';
import { errorName } from './aws-errors.js';

/** The shapes AWS Budgets reads and writes, and its paging and errors, for the budget store. */

/**
 * Budgets and notifications per page of the full read. AWS accepts up to 1,000 for both reads today; 100 is
 * within every range its references have documented, and costs 0.01 call per budget.
 */
export const PAGE = 100;

export const notification = (threshold: number): Notification => ({
  NotificationType: 'ACTUAL',
  ComparisonOperator: 'GREATER_THAN',
  Threshold: threshold,
  ThresholdType: 'PERCENTAGE',
});

export const subscriber = (address: string): Subscriber => ({
  SubscriptionType: address.startsWith('arn:') ? 'SNS' : 'EMAIL',
  Address: address,
});

export function budgetOf(b: DesiredBudget): Budget {
  return {
    BudgetName: b.name,
    BudgetType: 'COST',
    TimeUnit: 'MONTHLY',
    BudgetLimit: { Amount: String(b.amount), Unit: b.currency },
    CostFilters: { LinkedAccount: [b.accountId] },
  };
}

/** Every item of a paged read, one page after the other. */
export async function allPages<P extends { NextToken?: string | undefined }, T>(
  read: (token: string | undefined) => Promise<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    out.push(...(items(page) ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

export { errorName };

export function isNotFound(error: unknown): boolean {
  return errorName(error) === 'NotFoundException';
}
