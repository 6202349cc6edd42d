import { applyPlan, type ApplyResult } from '../../apply/apply.js';
import type { DesiredOrganization } from '../../desired/types.js';
import type { Plan } from '../../plan/types.js';
import type { Ports } from '../../ports/ports.js';
import { renderApplyResultLine, renderApplySummary } from '../../render/apply-text.js';
import { readValidSettings } from './valid-settings.js';

/** What apply reads and writes in AWS, and where its lock lives. */
export type ApplyAws = Pick<Ports, 'reader' | 'writer' | 'budgets' | 'accountApi' | 'policies'> & {
  /** The lock of an organization: in the table of runtime.applyLockTable when given. */
  applyLock(organizationId: string, table: string | undefined, region: string): Ports['lock'];
};

/** What `spa apply` works through. */
export type ApplyPorts = Pick<Ports, 'settings' | 'clock' | 'out'> & {
  /** The AWS ports, made once the settings say which organization to reach and how. */
  connect(settings: DesiredOrganization['settings']): ApplyAws;
  /** Who applies, for the lock: user, host, process, CI run. */
  owner: string;
  /** Between two polls of an account creation. */
  pollMs?: number;
};

export interface ApplyChangesOptions {
  format: 'text' | 'json';
  allowLarge: boolean;
}

export type ApplyOutcome = { outcome: 'invalid-settings' } | { outcome: 'done'; result: ApplyResult };

/**
 * `spa apply PLAN.json`: applies a plan against the valid settings it must have been made from (apply/apply.ts
 * says what it verifies first), one line per change as it ends, then the summary or the result as JSON.
 */
export async function applyChanges(
  plan: Plan,
  deps: ApplyPorts,
  options: ApplyChangesOptions,
): Promise<ApplyOutcome> {
  const { out } = deps;
  const loaded = await readValidSettings(deps.settings, out, 'text');
  if (!loaded) return { outcome: 'invalid-settings' };
  const settings = loaded.desired.settings;
  const { progress, color } = out;
  const aws = deps.connect(settings);
  let ended = 0;
  const result = await applyPlan(plan, {
    reader: aws.reader,
    writer: aws.writer,
    budgets: aws.budgets,
    accountApi: aws.accountApi,
    policies: aws.policies,
    desired: loaded.desired,
    allowLarge: options.allowLarge,
    clock: deps.clock,
    lock: aws.applyLock(plan.organizationId, settings.runtime.applyLockTable, settings.aws.region),
    owner: deps.owner,
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    onCheck: (n, total) => progress.count('checking the plan against AWS', n, total, 'changes'),
    onResult: (r) => {
      progress.done();
      if (options.format === 'text') out.result(renderApplyResultLine(r, color.result) + '\n');
      else out.info(renderApplyResultLine(r, color.info));
      progress.count('applying', ++ended, plan.changes.length, 'changes');
    },
  }).finally(() => progress.done());
  if (options.format === 'json') out.result(JSON.stringify(result, null, 2) + '\n');
  else out.result(renderApplySummary(result, color.result));
  if (options.format === 'json' && result.outcome === 'refused')
    out.info(renderApplySummary(result, color.info));
  return { outcome: 'done', result };
}
