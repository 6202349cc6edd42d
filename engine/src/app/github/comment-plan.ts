import { renderJobSummary, renderPrComments } from '../../gitops/comments.js';
import { ownComments, planSticky, type CommentOp } from '../../gitops/sticky.js';
import type { Plan } from '../../plan/types.js';
import type { GithubRepo } from '../../ports/github.js';
import type { GithubPorts } from './deps.js';

interface PullRequestPayload {
  number: number;
  head: { sha: string; repo?: { full_name?: string } | null };
}

/** The plan of the base branch, or the file that should have held it when the base branch could not be planned. */
export type BasePlan = Plan | { missing: string };

export type CommentPlanOutcome =
  | { outcome: 'not-a-pull-request' }
  /** A fork's token is read-only: the plan is in the job summary only. */
  | { outcome: 'fork' }
  | { outcome: 'commented'; commentIds: number[] };

/** Carries out the sticky comment operations; returns the ids of the parts, in order, and how many were written. */
async function writeComments(
  repo: GithubRepo,
  pr: number,
  ops: readonly CommentOp[],
): Promise<{ ids: number[]; written: number }> {
  const ids: number[] = [];
  let written = 0;
  for (const op of ops) {
    if (op.op === 'create') {
      ids.push(await repo.createComment(pr, op.body));
      written++;
    } else if (op.op === 'update') {
      await repo.updateComment(op.id, op.body);
      ids.push(op.id);
      written++;
    } else if (op.op === 'keep') {
      ids.push(op.id);
    } else {
      await repo.deleteComment(op.id);
      written++;
    }
  }
  return { ids, written };
}

/**
 * `spa github comment-plan`: the plan of a pull request as sticky comment(s), updated in place on every push and
 * left alone when unchanged, what the pull request causes told apart from what already differs between the base
 * branch and AWS (`base`); and the job summary.
 */
export async function commentPlan(
  head: Plan,
  base: BasePlan | undefined,
  deps: GithubPorts,
  options: { referenceRun?: number | undefined } = {},
): Promise<CommentPlanOutcome> {
  const { repo, out, runUrl } = deps;
  const pr = deps.event.payload.pull_request as PullRequestPayload | undefined;
  if (!pr) {
    out.error('spa github comment-plan runs on pull_request events');
    return { outcome: 'not-a-pull-request' };
  }
  // The base branch may not plan (invalid settings there, say): the comment then shows the head's plan alone.
  if (base && 'missing' in base)
    out.info(
      `no plan of the base branch (${base.missing}): every change is shown as caused by the pull request`,
    );
  const parts = renderPrComments({
    head,
    ...(base && !('missing' in base) ? { base } : {}),
    pr: pr.number,
    headSha: pr.head.sha,
    ...(runUrl ? { runUrl } : {}),
    ...(options.referenceRun !== undefined ? { referenceRun: options.referenceRun } : {}),
  });
  const summary = renderJobSummary(parts, runUrl);
  if (pr.head.repo?.full_name && pr.head.repo.full_name !== repo.repository) {
    // The token of a fork's pull request is read-only: the plan stays in the job summary.
    out.notice('Pull request from a fork: the plan is in the job summary, not in a comment.');
    out.outputs({ digest: head.digest, changes: head.changes.length, comments: 0 });
    await out.summary(summary);
    return { outcome: 'fork' };
  }
  const own = ownComments(await repo.listComments(pr.number), deps.botLogin, 'plan', pr.number);
  const ops = planSticky(own, parts);
  const { ids, written } = await writeComments(repo, pr.number, ops);
  const kept = ops.filter((o) => o.op === 'keep').length;
  out.info(
    `plan comment${parts.length === 1 ? '' : 's'} on #${pr.number}: ${parts.length} part(s), ${written} written, ${kept} unchanged, digest ${head.digest}`,
  );
  out.outputs({
    digest: head.digest,
    changes: head.changes.length,
    comments: parts.length,
    'comment-ids': ids.join(','),
  });
  await out.summary(summary);
  return { outcome: 'commented', commentIds: ids };
}
