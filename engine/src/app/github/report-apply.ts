import type { ApplyResult } from '../../domain/generated/types.js';
import { renderApplyComment, renderApplyIssue } from '../../gitops/comments.js';
import type { GithubPorts } from './deps.js';
import { closeIssue, LABELS, upsertIssue } from './issues.js';

/** The pull request numbers of a list such as the prs output of the apply gate (`12,13`); anything else is dropped. */
export function pullNumbers(list: string | undefined): number[] {
  return (list ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** Opens or updates the spa-apply issue of a failed or refused apply; returns its number. */
async function reportFailure(result: ApplyResult, deps: GithubPorts): Promise<number> {
  const sha = deps.event.sha;
  const title = result.outcome === 'partial' ? 'SPA apply failed' : 'SPA apply refused';
  const message =
    result.refusal?.message ??
    `${result.summary.failed} change(s) failed and ${result.summary.skipped} were skipped at ${sha.slice(0, 12)}. The next apply retries them.`;
  const body = renderApplyIssue(title, message, sha, deps.runUrl, result);
  return (await upsertIssue(deps.repo, LABELS.apply, 'apply', deps.botLogin, title, body)).number;
}

/**
 * `spa github report-apply`: the result of each change as a comment on the merged pull request(s) `prs`; the
 * spa-apply issue opened or updated when the apply failed or was refused, closed when it succeeded.
 */
export async function reportApply(
  result: ApplyResult,
  deps: GithubPorts,
  options: { prs: readonly number[] },
): Promise<{ issue: number | undefined }> {
  const { repo, out, runUrl } = deps;
  const sha = deps.event.sha;
  const comment = renderApplyComment(result, sha, runUrl);
  for (const number of options.prs) await repo.createComment(number, comment);
  const issue =
    result.outcome === 'partial' || result.outcome === 'refused'
      ? await reportFailure(result, deps)
      : await closeIssue(
          repo,
          LABELS.apply.name,
          'apply',
          deps.botLogin,
          `Applied at ${sha.slice(0, 12)}${runUrl ? ` (${runUrl})` : ''}: closing.`,
        );
  out.info(
    `apply reported on ${options.prs.map((n) => `#${n}`).join(', ') || 'no pull request'}${issue ? `; issue #${issue}` : ''}`,
  );
  out.outputs({ issue: issue ?? '' });
  await out.summary(comment);
  return { issue };
}
