import { executeChange } from '../changes/registry.js';
import type { ExecuteContext } from '../changes/kind.js';
import { EngineError } from '../domain/errors.js';
import type { ApplyResult } from '../domain/generated/types.js';
import type { Change } from '../plan/types.js';

export type ChangeResult = ApplyResult['results'][number];

/** Bounds how many changes run at once. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const slots: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => slots.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      slots.shift()?.();
    }
  };
}

async function attempt(change: Change, ctx: ExecuteContext): Promise<ChangeResult> {
  const base = { change: change.key, address: change.address, action: change.action };
  const t0 = ctx.clock.now().getTime();
  try {
    const out = await executeChange(change, ctx);
    const result: ChangeResult = {
      ...base,
      status: out.changed ? 'applied' : 'already-applied',
      message: out.message,
      durationMs: ctx.clock.now().getTime() - t0,
    };
    if (out.resourceId) result.resourceId = out.resourceId;
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      status: 'failed',
      message,
      error: { code: error instanceof EngineError ? error.code : 'error', message },
      durationMs: ctx.clock.now().getTime() - t0,
    };
  }
}

/**
 * Runs the changes in dependency order, `concurrency` at a time: a change starts once the changes it depends on
 * ended; a failed change skips the changes that depend on it and nothing else.
 */
export function runInOrder(
  changes: readonly Change[],
  done: ReadonlySet<string>,
  ctx: ExecuteContext,
  options: { concurrency: number; onResult?: (r: ChangeResult) => void },
): Promise<ChangeResult[]> {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const started = new Map<string, Promise<ChangeResult>>();
  const slot = limiter(options.concurrency);
  const run = (change: Change): Promise<ChangeResult> => {
    const existing = started.get(change.key);
    if (existing) return existing;
    const promise = (async (): Promise<ChangeResult> => {
      const deps = await Promise.all(
        change.dependsOn.filter((k) => byKey.has(k)).map((k) => run(byKey.get(k)!)),
      );
      const failed = deps.find((d) => d.status === 'failed' || d.status === 'skipped');
      const base = { change: change.key, address: change.address, action: change.action };
      const result: ChangeResult = failed
        ? {
            ...base,
            status: 'skipped',
            message: `not attempted: ${failed.change} ${failed.status}`,
            durationMs: 0,
          }
        : done.has(change.key)
          ? { ...base, status: 'already-applied', message: 'AWS already matches the plan', durationMs: 0 }
          : await slot(() => attempt(change, ctx));
      options.onResult?.(result);
      return result;
    })();
    started.set(change.key, promise);
    return promise;
  };
  return Promise.all(changes.map(run));
}
