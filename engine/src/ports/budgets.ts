import type { ObservedBudget } from '../observed/types.js';

export interface DesiredBudget {
  name: string;
  accountId: string;
  amount: number;
  currency: string;
  notifications: { threshold: number; subscribers: string[] }[];
}

/** AWS Budgets in the management account. */
export interface BudgetStore {
  /** Every budget whose name starts with `prefix` (the environment's budgets), by name. */
  listBudgets(prefix: string): Promise<Map<string, ObservedBudget>>;
  readBudget(name: string): Promise<ObservedBudget | undefined>;
  /** The budgets of these names that exist, by name (a targeted plan's reads). */
  readBudgets(names: readonly string[]): Promise<Map<string, ObservedBudget>>;
  /** Creates the budget; an existing budget of that name is left as it is and reported as false. */
  createBudget(budget: DesiredBudget): Promise<boolean>;
  /** Brings an existing budget to `budget`: limit, notifications and subscribers. */
  updateBudget(budget: DesiredBudget, current: ObservedBudget): Promise<void>;
  deleteBudget(name: string): Promise<void>;
}

/** A monthly cost budget as the reports read it: its limit, and the one account it is filtered on. */
export interface BudgetLimit {
  name: string;
  accountId: string;
  /** As AWS writes it: a decimal string. */
  amount: string;
  unit: string;
}
