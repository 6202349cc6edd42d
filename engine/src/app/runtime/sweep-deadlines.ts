import { applyTrigger, type TriggerResult } from './apply-trigger.js';
import type { LifecyclePorts } from './deps.js';

/** At most this many accounts per run; the next run (minutes later) takes the rest. */
export const SWEEP_LIMIT = 100;

/**
 * The transactions past their deadline (the sparse deadline index): each emits its FailedOnBoardingException or
 * FailedMaintenanceException once, and is marked so that the index no longer lists it.
 */
export async function sweepDeadlines(
  deps: LifecyclePorts,
): Promise<{ accountId: string; result: TriggerResult }[]> {
  const now = deps.now().toISOString();
  const late = await deps.records.pastDeadline(now, SWEEP_LIMIT);
  const out: { accountId: string; result: TriggerResult }[] = [];
  for (const record of late) {
    const result = await applyTrigger(
      deps,
      record.accountId,
      { kind: 'deadline' },
      `deadline:${record.transaction?.id ?? now}`,
    );
    out.push({ accountId: record.accountId, result });
  }
  return out;
}
