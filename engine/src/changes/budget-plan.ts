import { budgetName } from '../domain/names.js';
import { formatProvenance } from '../domain/source.js';
import { budgetState, sameBudget } from './budget-state.js';
import type { PlanContext } from './context.js';
import type { BudgetTarget } from '../domain/plan.js';
import { planCreateBudget } from './create-budget.js';
import { planDeleteBudget } from './delete-budget.js';
import { desiredBudget, subjectOf, type ManagedAccount } from './managed-account.js';
import { planUpdateBudget } from './update-budget.js';

/** The budget of a managed account: created, updated to its settings, or deleted when no level gives one. */
export function planBudget(ctx: PlanContext, account: ManagedAccount, dependsOn: string[]): void {
  const address = `budget/${subjectOf(account.address)}`;
  const obs = account.observed;
  const name = obs ? budgetName(ctx.desired.desired.environment, obs.id) : undefined;
  const current = name ? ctx.budgets.get(name) : undefined;
  const target: BudgetTarget = {
    kind: 'budget',
    accountName: account.name,
    email: account.email,
    ...(name ? { name } : {}),
    ...(obs ? { accountId: obs.id } : {}),
  };
  const want = desiredBudget(ctx.settings, account, obs?.tags, name);
  const base = { address, target, dependsOn };
  if (!want) {
    if (current && obs) planDeleteBudget(ctx, base, account, obs, budgetState(current));
    return;
  }
  const w = account.settings.budget!;
  const provenance: Record<string, string> = {
    'budget.amount': formatProvenance(w.amount.source),
    'budget.currency': formatProvenance(w.currency.source),
    'budget.thresholds': formatProvenance(w.thresholds.source),
    'budget.subscribers': `holder and budgets.alertTopicArn (${ctx.settings.file})`,
  };
  if (!current) planCreateBudget(ctx, { ...base, provenance }, account, want);
  else if (!sameBudget(current, want) && obs)
    planUpdateBudget(ctx, { ...base, provenance }, account, obs, budgetState(current), want);
}
