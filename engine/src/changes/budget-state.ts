import type { ObservedBudget } from '../observed/types.js';
import type { BudgetState } from '../domain/plan.js';

/** A budget as the plan shows it: amount, thresholds, and every subscriber of its notifications, sorted. */
export function budgetState(b: ObservedBudget): BudgetState {
  const subscribers = new Set<string>();
  for (const n of b.notifications) for (const s of n.subscribers) subscribers.add(s);
  return {
    name: b.name,
    amount: b.amount,
    currency: b.currency,
    thresholds: b.notifications.map((n) => n.threshold).sort((x, y) => x - y),
    subscribers: [...subscribers].sort(),
  };
}

/** Whether a budget is as wanted; every notification must go to the same subscribers, else it differs. */
export function sameBudget(current: ObservedBudget, want: BudgetState): boolean {
  const now = budgetState(current);
  const uniform = current.notifications.every(
    (n) => JSON.stringify([...n.subscribers].sort()) === JSON.stringify(now.subscribers),
  );
  return (
    uniform &&
    now.amount === want.amount &&
    now.currency === want.currency &&
    JSON.stringify(now.thresholds) === JSON.stringify([...want.thresholds].sort((x, y) => x - y)) &&
    JSON.stringify(now.subscribers) === JSON.stringify([...want.subscribers].sort())
  );
}

/** Whether two budget states agree on amount, currency, thresholds and subscribers (names aside). */
export function sameBudgetState(a: BudgetState, b: BudgetState): boolean {
  const sorted = <T>(xs: T[]) => JSON.stringify([...xs].sort());
  return (
    a.amount === b.amount &&
    a.currency === b.currency &&
    sorted(a.thresholds) === sorted(b.thresholds) &&
    sorted(a.subscribers) === sorted(b.subscribers)
  );
}
