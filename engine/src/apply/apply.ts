import type { CheckContext, ExecuteContext, Readiness } from '../changes/kind.js';
import { checkChange } from '../changes/registry.js';
import { World } from '../changes/world.js';
import { indexDesired } from '../desired/index-of.js';
import type { DesiredOrganization } from '../desired/types.js';
import type { ApplyResult } from '../domain/generated/types.js';
import type { AccountManagement } from '../ports/account-management.js';
import type { BudgetStore } from '../ports/budgets.js';
import type { Clock } from '../ports/clock.js';
import type { ApplyLock } from '../ports/lock.js';
import type { OrganizationReader, OrganizationWriter } from '../ports/organization.js';
import type { PolicyStore } from '../ports/policies.js';
import type { Plan } from '../plan/types.js';
import { runInOrder, type ChangeResult } from './run-in-order.js';
import { verifyPlan, type Refusal } from './verify.js';

export type { ApplyResult, ChangeResult };

export interface ApplyOptions {
  /** The settings of --dir: the plan must have been made from them, and every change must be one they ask for. */
  desired: DesiredOrganization;
  allowLarge: boolean;
  reader: OrganizationReader;
  writer: OrganizationWriter;
  budgets: BudgetStore;
  accountApi: AccountManagement;
  policies: PolicyStore;
  clock: Clock;
  lock: ApplyLock;
  /** Who applies, for the lock: user, host, CI run. */
  owner: string;
  /** How long the lock holds without being released (a killed run's lock is taken over after it). */
  lockTtlMs?: number;
  /** Changes run at once, at most; the AWS layer serialises writes further. */
  concurrency?: number;
  pollMs?: number;
  createTimeoutMs?: number;
  /** Called as each change ends, for progress. */
  onResult?: (result: ChangeResult) => void;
  /** Called while preconditions are read. */
  onCheck?: (checked: number, total: number) => void;
}

function result(
  plan: Plan,
  started: Date,
  clock: Clock,
  outcome: ApplyResult['outcome'],
  refusal?: Refusal,
): ApplyResult {
  const out: ApplyResult = {
    version: 1,
    kind: 'spa-apply-result',
    planDigest: plan.digest,
    startedAt: started.toISOString(),
    finishedAt: clock.now().toISOString(),
    outcome,
    results: [],
    summary: { applied: 0, alreadyApplied: 0, failed: 0, skipped: 0 },
  };
  if (refusal) out.refusal = refusal;
  return out;
}

/**
 * Applies a plan: refuses it whole when the file was changed, was made from other settings, has errors, is
 * large without permission, asks for a change the settings do not, or is stale; then runs its changes in
 * dependency order with bounded concurrency, one apply per organization at a time (the lock), and reports one
 * result per change.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { clock } = options;
  const started = clock.now();
  const refuse = (refusal: Refusal) => result(plan, started, clock, 'refused', refusal);
  const invalid = verifyPlan(plan, options.desired, options.allowLarge);
  if (invalid) return refuse(invalid);
  const identity = await options.reader.identity();
  if (
    identity.organizationId !== plan.organizationId ||
    identity.managementAccountId !== plan.managementAccountId
  )
    return refuse({
      code: 'wrong-organization',
      message: `the plan is for organization ${plan.organizationId} (management account ${plan.managementAccountId}) but the credentials reach ${identity.organizationId} (${identity.managementAccountId})`,
    });
  if (plan.changes.length === 0) return result(plan, started, clock, 'nothing-to-do');
  const lock = await options.lock.acquire(options.owner, options.lockTtlMs ?? 3 * 3600_000);
  if (!lock.acquired)
    return refuse({
      code: 'locked',
      message: `another apply holds the lock of this organization (${options.lock.where}): ${lock.heldBy.owner}, since ${lock.heldBy.startedAt}, until ${lock.heldBy.expiresAt}. Wait for it; if its run was killed, remove the lock with spa unlock --force ${lock.heldBy.id}`,
      lock: lock.heldBy,
    });
  try {
    return await checkThenRun(plan, options, started, refuse);
  } finally {
    await lock.release();
  }
}

function executeContext(plan: Plan, options: ApplyOptions, world: World): ExecuteContext {
  return {
    world,
    writer: options.writer,
    accountApi: options.accountApi,
    policies: options.policies,
    clock: options.clock,
    environment: plan.environment,
    pollMs: options.pollMs ?? 2_000,
    createTimeoutMs: options.createTimeoutMs ?? 15 * 60_000,
  };
}

/**
 * Checks every change before anything is written: a refusal when a change is not in the settings or AWS moved
 * under the plan, else the changes already in place.
 */
async function checkAll(
  plan: Plan,
  ctx: CheckContext,
  onCheck: ApplyOptions['onCheck'],
): Promise<{ refusal: Refusal } | { done: Set<string> }> {
  const states = new Map<string, Readiness>();
  let checked = 0;
  await Promise.all(
    plan.changes.map(async (change) => {
      states.set(change.key, await checkChange(change, ctx));
      onCheck?.(++checked, plan.changes.length);
    }),
  );
  const refused = plan.changes.flatMap((c) => {
    const s = states.get(c.key)!;
    return s.state === 'refused' ? [{ change: c.key, reason: s.reason }] : [];
  });
  if (refused.length > 0)
    return {
      refusal: {
        code: 'not-in-settings',
        message: `${refused.length} change(s) of the plan are not what the settings of --dir ask for (${refused[0]!.change}: ${refused[0]!.reason}). Nothing was applied; make the plan again with spa plan.`,
        refused,
      },
    };
  const stale = plan.changes.flatMap((c) => {
    const s = states.get(c.key)!;
    return s.state === 'stale' ? [{ change: c.key, expected: s.expected, found: s.found }] : [];
  });
  if (stale.length > 0)
    return {
      refusal: {
        code: 'stale-plan',
        message: `AWS changed since the plan was made: ${stale.length} change(s) no longer start from what the plan expected. Nothing was applied; plan again.`,
        stale,
      },
    };
  return { done: new Set(plan.changes.filter((c) => states.get(c.key)!.state === 'done').map((c) => c.key)) };
}

/** How many changes of the plan check an account in each parent the plan saw it in. */
function checksPerParent(plan: Plan): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of plan.changes) {
    const parentId = (c.precondition as { parentId?: unknown }).parentId;
    if (typeof parentId === 'string') counts.set(parentId, (counts.get(parentId) ?? 0) + 1);
  }
  return counts;
}

async function checkThenRun(
  plan: Plan,
  options: ApplyOptions,
  started: Date,
  refuse: (r: Refusal) => ApplyResult,
): Promise<ApplyResult> {
  const world = new World(
    options.reader,
    options.budgets,
    options.accountApi,
    options.policies,
    checksPerParent(plan),
  );
  const ctx: CheckContext = {
    world,
    environment: plan.environment,
    managementAccountId: plan.managementAccountId,
    desired: indexDesired(options.desired),
  };
  const checked = await checkAll(plan, ctx, options.onCheck);
  if ('refusal' in checked) return refuse(checked.refusal);
  const results = await runInOrder(plan.changes, checked.done, executeContext(plan, options, world), {
    concurrency: options.concurrency ?? 16,
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });
  const count = (s: ChangeResult['status']) => results.filter((r) => r.status === s).length;
  const summary = {
    applied: count('applied'),
    alreadyApplied: count('already-applied'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
  const out = result(
    plan,
    started,
    options.clock,
    summary.failed + summary.skipped > 0 ? 'partial' : 'applied',
  );
  return { ...out, results, summary };
}
