import { readStepPlan, readStepPlanIfAny } from '../../../../adapters/fs/input-files.js';
import { ExitCode } from '../../../../domain/errors.js';
import { commentPlan, type BasePlan } from '../../../../app/github/comment-plan.js';
import { githubDeps } from '../../github.js';
import type { CliIo } from '../../io.js';

export interface CommentPlanOptions {
  plan: string;
  basePlan?: string;
  /** The drift run whose full plan the plan stands on (empty when none). */
  referenceRun?: string;
}

/** `spa github comment-plan`: exit 0 commented (or shown in the job summary for a fork), 1 outside a pull request. */
export async function commentPlanCommand(options: CommentPlanOptions, io: CliIo): Promise<number> {
  const deps = githubDeps(io);
  const head = readStepPlan(options.plan, io.cwd);
  let base: BasePlan | undefined;
  if (options.basePlan) base = readStepPlanIfAny(options.basePlan, io.cwd) ?? { missing: options.basePlan };
  // SPA_REFERENCE_RUN is how the workflow passes it: an older engine ignores a variable, not an option.
  const given = options.referenceRun || io.env.SPA_REFERENCE_RUN || undefined;
  const run = given ? Number(given) : undefined;
  if (run !== undefined && !Number.isSafeInteger(run)) {
    deps.out.error(
      `the reference run ${given} is not a run id: give the run-id output of spa github reference, or nothing`,
    );
    return ExitCode.userError;
  }
  const { outcome } = await commentPlan(head, base, deps, { referenceRun: run });
  return outcome === 'not-a-pull-request' ? ExitCode.userError : ExitCode.ok;
}
