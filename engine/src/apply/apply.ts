import { EngineError } from '../domain/errors.js';
import type { ApplyResult } from '../domain/generated/types.js';
import type { BudgetStore } from '../ports/budgets.js';
import type { Clock } from '../ports/clock.js';
import type { OrganizationReader, OrganizationWriter } from '../ports/organization.js';
import { hasErrorFindings, type Change, type Plan } from '../plan/types.js';
import { execute } from './execute.js';
import { readiness } from './preconditions.js';
import { World } from './world.js';

export type { ApplyResult };
export type ChangeResult = ApplyResult['results'][number];

export interface ApplyOptions {
  allowLarge: boolean;
  reader: OrganizationReader;
  writer: OrganizationWriter;
  budgets: BudgetStore;
  clock: Clock;
  /** Changes run at once, at most; the AWS layer serialises writes further. */
  concurrency?: number;
  pollMs?: number;
  createTimeoutMs?: number;
  /** Called as each change ends, for progress. */
  onResult?: (result: ChangeResult) => void;
  /** Called while preconditions are read. */
  onCheck?: (checked: number, total: number) => void;
}

function withoutChanges(
  plan: Plan,
  started: Date,
  clock: Clock,
  refusal?: NonNullable<ApplyResult['refusal']>,
): ApplyResult {
  const result: ApplyResult = {
    version: 1,
    kind: 'spa-apply-result',
    planDigest: plan.digest,
    startedAt: started.toISOString(),
    finishedAt: clock.now().toISOString(),
    outcome: refusal ? 'refused' : 'nothing-to-do',
    results: [],
    summary: { applied: 0, alreadyApplied: 0, failed: 0, skipped: 0 },
  };
  if (refusal) result.refusal = refusal;
  return result;
}

/**
 * Applies a plan: refuses it whole when it is invalid, large without permission, or stale; then runs its
 * changes in dependency order with bounded concurrency, and reports one result per change. A failed change
 * skips the changes that depend on it and nothing else.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { clock } = options;
  const started = clock.now();
  const identity = await options.reader.identity();
  if (
    identity.organizationId !== plan.organizationId ||
    identity.managementAccountId !== plan.managementAccountId
  ) {
    return withoutChanges(plan, started, clock, {
      code: 'wrong-organization',
      message: `the plan is for organization ${plan.organizationId} (management account ${plan.managementAccountId}) but the credentials reach ${identity.organizationId} (${identity.managementAccountId})`,
    });
  }
  if (hasErrorFindings(plan)) {
    return withoutChanges(plan, started, clock, {
      code: 'plan-has-errors',
      message: `the plan has ${plan.summary.errors} error finding(s): fix them and plan again`,
    });
  }
  if (plan.large.isLarge && !options.allowLarge) {
    return withoutChanges(plan, started, clock, {
      code: 'large-plan',
      message: `the plan is large (${plan.large.reasons.join('; ')}): review it, then apply with --allow-large`,
    });
  }
  if (plan.changes.length === 0) {
    return withoutChanges(plan, started, clock);
  }

  const world = new World(options.reader, options.budgets);
  // Staleness: every change is checked before anything is written.
  const states = new Map<string, Awaited<ReturnType<typeof readiness>>>();
  let checked = 0;
  await Promise.all(
    plan.changes.map(async (change) => {
      states.set(change.key, await readiness(change, world, plan.environment));
      options.onCheck?.(++checked, plan.changes.length);
    }),
  );
  const stale = plan.changes.flatMap((c) => {
    const s = states.get(c.key)!;
    return s.state === 'stale' ? [{ change: c.key, expected: s.expected, found: s.found }] : [];
  });
  if (stale.length > 0) {
    return withoutChanges(plan, started, clock, {
      code: 'stale-plan',
      message: `AWS changed since the plan was made: ${stale.length} change(s) no longer start from what the plan expected. Nothing was applied; plan again.`,
      stale,
    });
  }

  const results = await runInOrder(plan, options, world, states);
  const summary = {
    applied: results.filter((r) => r.status === 'applied').length,
    alreadyApplied: results.filter((r) => r.status === 'already-applied').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
  };
  return {
    version: 1,
    kind: 'spa-apply-result',
    planDigest: plan.digest,
    startedAt: started.toISOString(),
    finishedAt: clock.now().toISOString(),
    outcome: summary.failed + summary.skipped > 0 ? 'partial' : 'applied',
    results: plan.changes.map((c) => results.find((r) => r.change === c.key)!),
    summary,
  };
}

async function runInOrder(
  plan: Plan,
  options: ApplyOptions,
  world: World,
  states: Map<string, { state: string }>,
): Promise<ChangeResult[]> {
  const byKey = new Map(plan.changes.map((c) => [c.key, c]));
  const done = new Map<string, ChangeResult>();
  const waiting = new Map<string, Promise<ChangeResult>>();
  const limit = options.concurrency ?? 16;
  let running = 0;
  const slots: (() => void)[] = [];
  const acquire = () =>
    running < limit
      ? (running++, Promise.resolve())
      : new Promise<void>((resolve) => slots.push(resolve)).then(() => void running++);
  const release = () => {
    running--;
    slots.shift()?.();
  };

  const ctx = {
    world,
    writer: options.writer,
    clock: options.clock,
    environment: plan.environment,
    pollMs: options.pollMs ?? 2_000,
    createTimeoutMs: options.createTimeoutMs ?? 15 * 60_000,
  };

  const run = (change: Change): Promise<ChangeResult> => {
    let promise = waiting.get(change.key);
    if (promise) return promise;
    promise = (async () => {
      const deps = await Promise.all(
        change.dependsOn.filter((k) => byKey.has(k)).map((k) => run(byKey.get(k)!)),
      );
      const base = { change: change.key, address: change.address, action: change.action };
      const failedDep = deps.find((d) => d.status === 'failed' || d.status === 'skipped');
      let result: ChangeResult;
      if (failedDep) {
        result = {
          ...base,
          status: 'skipped',
          message: `not attempted: ${failedDep.change} ${failedDep.status}`,
          durationMs: 0,
        };
      } else if (states.get(change.key)?.state === 'done') {
        result = {
          ...base,
          status: 'already-applied',
          message: 'AWS already matches the plan',
          durationMs: 0,
        };
      } else {
        await acquire();
        const t0 = options.clock.now().getTime();
        try {
          const out = await execute(change, ctx);
          result = {
            ...base,
            status: out.changed ? 'applied' : 'already-applied',
            message: out.message,
            durationMs: options.clock.now().getTime() - t0,
          };
          if (out.resourceId) result.resourceId = out.resourceId;
        } catch (error) {
          const e = error instanceof EngineError ? error : undefined;
          result = {
            ...base,
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
            error: {
              code: e?.code ?? 'error',
              message: error instanceof Error ? error.message : String(error),
            },
            durationMs: options.clock.now().getTime() - t0,
          };
        } finally {
          release();
        }
      }
      done.set(change.key, result);
      options.onResult?.(result);
      return result;
    })();
    waiting.set(change.key, promise);
    return promise;
  };
  return Promise.all(plan.changes.map(run));
}
