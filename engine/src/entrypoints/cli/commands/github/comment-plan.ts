import { readStepPlan, readStepPlanIfAny } from '../../../../adapters/fs/input-files.js';
import { ExitCode } from '../../../../domain/errors.js';
import { commentPlan, type BasePlan } from '../../../../usecases/github/comment-plan.js';
import { githubDeps } from '../../github.js';
import type { CliIo } from '../../io.js';

export interface CommentPlanOptions {
  plan: string;
  basePlan?: string;
}

/** `spa github comment-plan`: exit 0 commented (or shown in the job summary for a fork), 1 outside a pull request. */
export async function commentPlanCommand(options: CommentPlanOptions, io: CliIo): Promise<number> {
  const deps = githubDeps(io);
  const head = readStepPlan(options.plan, io.cwd);
  let base: BasePlan | undefined;
  if (options.basePlan) base = readStepPlanIfAny(options.basePlan, io.cwd) ?? { missing: options.basePlan };
  const { outcome } = await commentPlan(head, base, deps);
  return outcome === 'not-a-pull-request' ? ExitCode.userError : ExitCode.ok;
}
