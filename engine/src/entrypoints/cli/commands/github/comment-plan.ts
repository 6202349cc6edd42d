import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExitCode } from '../../../../domain/errors.js';
import { renderJobSummary, renderPrComments } from '../../../../gitops/comments.js';
import { ownComments, planSticky } from '../../../../gitops/sticky.js';
import type { CliIo } from '../../io.js';
import { actionsRun, core, readPlanFile, writeOutputs } from './context.js';

export interface CommentPlanOptions {
  plan: string;
  basePlan?: string;
}

interface PullRequestPayload {
  number: number;
  head: { sha: string; repo?: { full_name?: string } | null };
}

/** `spa github comment-plan`: the sticky plan comment(s) of a pull request, and the job summary. */
export async function commentPlanCommand(options: CommentPlanOptions, io: CliIo): Promise<number> {
  const run = actionsRun(io);
  const pr = run.context.payload.pull_request as PullRequestPayload | undefined;
  if (!pr) {
    core.error('spa github comment-plan runs on pull_request events');
    return ExitCode.userError;
  }
  const head = readPlanFile(options.plan, io);
  // The base branch may not plan (invalid settings there, say): the comment then shows the head's plan alone.
  const baseExists = options.basePlan !== undefined && existsSync(resolve(io.cwd, options.basePlan));
  if (options.basePlan && !baseExists)
    run.log(
      `no plan of the base branch (${options.basePlan}): every change is shown as caused by the pull request`,
    );
  const base = options.basePlan && baseExists ? readPlanFile(options.basePlan, io) : undefined;
  const parts = renderPrComments({
    head,
    ...(base ? { base } : {}),
    pr: pr.number,
    headSha: pr.head.sha,
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
  });
  const summary = renderJobSummary(parts, run.runUrl);
  if (pr.head.repo?.full_name && pr.head.repo.full_name !== run.repo.repository) {
    // The token of a fork's pull request is read-only: the plan stays in the job summary.
    core.notice('Pull request from a fork: the plan is in the job summary, not in a comment.');
    await writeOutputs({ digest: head.digest, changes: head.changes.length, comments: 0 }, summary);
    return ExitCode.ok;
  }
  const own = ownComments(await run.repo.listComments(pr.number), run.botLogin, 'plan', pr.number);
  const ops = planSticky(own, parts);
  const ids: number[] = [];
  let written = 0;
  for (const op of ops) {
    if (op.op === 'create') {
      ids.push(await run.repo.createComment(pr.number, op.body));
      written++;
    } else if (op.op === 'update') {
      await run.repo.updateComment(op.id, op.body);
      ids.push(op.id);
      written++;
    } else if (op.op === 'keep') {
      ids.push(op.id);
    } else {
      await run.repo.deleteComment(op.id);
      written++;
    }
  }
  const kept = ops.filter((o) => o.op === 'keep').length;
  run.log(
    `plan comment${parts.length === 1 ? '' : 's'} on #${pr.number}: ${parts.length} part(s), ${written} written, ${kept} unchanged, digest ${head.digest}`,
  );
  await writeOutputs(
    {
      digest: head.digest,
      changes: head.changes.length,
      comments: parts.length,
      'comment-ids': ids.join(','),
    },
    summary,
  );
  return ExitCode.ok;
}
