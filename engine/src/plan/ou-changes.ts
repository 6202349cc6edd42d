import { planCreateOu } from '../changes/create-ou.js';
import { planTagOu } from '../changes/tag-ou.js';
import type { PlanContext } from '../changes/context.js';

/**
 * Creates the OUs that files declare and AWS lacks (parents first) and reconciles their ouTags. Returns the
 * create-ou change key of each OU path created by the plan.
 */
export function planOus(ctx: PlanContext): Map<string, string> {
  const created = new Map<string, string>();
  // The desired OUs come parents first.
  for (const ou of ctx.desired.desired.organizationalUnits) {
    const observed = ctx.observed.ous.get(ou.path);
    if (observed) planTagOu(ctx, ou, observed);
    else created.set(ou.path, planCreateOu(ctx, ou, created.get(ou.parentPath)));
  }
  return created;
}
