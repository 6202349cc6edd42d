import { ExitCode } from '../../../../domain/errors.js';
import { renderApplyComment, renderApplyIssue } from '../../../../gitops/comments.js';
import type { CliIo } from '../../io.js';
import { actionsRun, readApplyResult, writeOutputs } from './context.js';
import { closeIssue, LABELS, upsertIssue } from './issues.js';

/** `spa github report-apply`: the result per change on the merged pull request(s); an issue when the apply failed. */
export async function reportApplyCommand(
  options: { result: string; prs?: string },
  io: CliIo,
): Promise<number> {
  const run = actionsRun(io);
  const result = readApplyResult(options.result, io);
  const sha = run.context.sha;
  const comment = renderApplyComment(result, sha, run.runUrl);
  const prs = (options.prs ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  for (const number of prs) await run.repo.createComment(number, comment);
  let issue: number | undefined;
  if (result.outcome === 'partial' || result.outcome === 'refused') {
    const title = result.outcome === 'partial' ? 'SPA apply failed' : 'SPA apply refused';
    const message =
      result.refusal?.message ??
      `${result.summary.failed} change(s) failed and ${result.summary.skipped} were skipped at ${sha.slice(0, 12)}. The next apply retries them.`;
    issue = (
      await upsertIssue(
        run.repo,
        LABELS.apply,
        'apply',
        run.botLogin,
        title,
        renderApplyIssue(title, message, sha, run.runUrl, result),
      )
    ).number;
  } else {
    issue = await closeIssue(
      run.repo,
      LABELS.apply.name,
      'apply',
      run.botLogin,
      `Applied at ${sha.slice(0, 12)}${run.runUrl ? ` (${run.runUrl})` : ''}: closing.`,
    );
  }
  run.log(
    `apply reported on ${prs.map((n) => `#${n}`).join(', ') || 'no pull request'}${issue ? `; issue #${issue}` : ''}`,
  );
  await writeOutputs({ issue: issue ?? '' }, comment);
  return ExitCode.ok;
}
