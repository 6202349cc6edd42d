import { EngineError, ExitCode } from '../../../../domain/errors.js';
import { renderDriftIssue } from '../../../../gitops/comments.js';
import { appliesDuringPlan, renderDriftSkipped } from '../../../../gitops/drift.js';
import type { GithubRepo, WorkflowRun } from '../../../../ports/github.js';
import type { CliIo } from '../../io.js';
import { actionsRun, readPlanFile, writeOutputs } from './context.js';
import { closeIssue, LABELS, upsertIssue } from './issues.js';

export interface DriftIssueOptions {
  plan: string;
  /** The file name of the apply workflow, whose runs the drift check waits out. */
  applyWorkflow: string;
  /** When the drift job began to plan (ISO 8601): an apply that ended since then overlapped the plan. */
  since?: string;
}

async function overlappingApplies(repo: GithubRepo, options: DriftIssueOptions): Promise<WorkflowRun[]> {
  if (options.since !== undefined && Number.isNaN(Date.parse(options.since)))
    throw new EngineError('bad-argument', `--since ${options.since} is not a date and time`, {
      source: 'user',
      hint: 'give the time the plan began, such as 2026-11-27T06:17:00Z',
    });
  const inFlight = [
    ...(await repo.workflowRuns(options.applyWorkflow, 'in_progress')),
    ...(await repo.workflowRuns(options.applyWorkflow, 'queued')),
  ];
  const completed = options.since ? await repo.workflowRuns(options.applyWorkflow, 'completed') : [];
  return appliesDuringPlan(inFlight, completed, options.since);
}

/**
 * `spa github drift-issue`: one issue labelled drift while AWS differs from main; closed when it no longer does.
 * Skipped, the issue left alone, when an apply ran while the plan read AWS.
 */
export async function driftIssueCommand(options: DriftIssueOptions, io: CliIo): Promise<number> {
  const run = actionsRun(io);
  const plan = readPlanFile(options.plan, io);
  const applies = await overlappingApplies(run.repo, options);
  if (applies.length > 0) {
    run.log(
      `drift check skipped: the apply workflow ran while the plan read AWS (${applies.map((r) => `run ${r.id} ${r.status}`).join(', ')}); the drift issue is left as it was`,
    );
    await writeOutputs(
      { skipped: true, drift: '', issue: '', changes: plan.changes.length },
      renderDriftSkipped(applies),
    );
    return ExitCode.ok;
  }
  const drifted = plan.changes.length > 0 || plan.summary.errors > 0;
  if (drifted) {
    const body = renderDriftIssue(plan, run.runUrl);
    const title = `Drift: ${plan.changes.length} change(s) between main and AWS`;
    const issue = await upsertIssue(run.repo, LABELS.drift, 'drift', run.botLogin, title, body);
    run.log(`drift issue #${issue.number} ${issue.action}: ${plan.changes.length} change(s)`);
    await writeOutputs(
      { skipped: false, drift: true, issue: issue.number, changes: plan.changes.length },
      body,
    );
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
  await writeOutputs(
    { skipped: false, drift: false, issue: closed ?? '', changes: 0 },
    'No drift: AWS matches main.',
  );
  return ExitCode.ok;
}
