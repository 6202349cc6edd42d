import { ExitCode } from '../../../../domain/errors.js';
import { renderDriftIssue } from '../../../../gitops/comments.js';
import type { CliIo } from '../../io.js';
import { actionsRun, readPlanFile, writeOutputs } from './context.js';
import { closeIssue, LABELS, upsertIssue } from './issues.js';

/** `spa github drift-issue`: one issue labelled drift while AWS differs from main; closed when it no longer does. */
export async function driftIssueCommand(options: { plan: string }, io: CliIo): Promise<number> {
  const run = actionsRun(io);
  const plan = readPlanFile(options.plan, io);
  const drifted = plan.changes.length > 0 || plan.summary.errors > 0;
  if (drifted) {
    const body = renderDriftIssue(plan, run.runUrl);
    const title = `Drift: ${plan.changes.length} change(s) between main and AWS`;
    const issue = await upsertIssue(run.repo, LABELS.drift, 'drift', run.botLogin, title, body);
    run.log(`drift issue #${issue.number} ${issue.action}: ${plan.changes.length} change(s)`);
    await writeOutputs({ drift: true, issue: issue.number, changes: plan.changes.length }, body);
    return ExitCode.ok;
  }
  const closed = await closeIssue(
    run.repo,
    LABELS.drift.name,
    'drift',
    run.botLogin,
    `AWS matches main again${run.runUrl ? ` (${run.runUrl})` : ''}: closing.`,
  );
  run.log(closed ? `drift issue #${closed} closed` : 'no drift, no drift issue');
  await writeOutputs({ drift: false, issue: closed ?? '', changes: 0 }, 'No drift: AWS matches main.');
  return ExitCode.ok;
}
