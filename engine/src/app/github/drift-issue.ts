import { EngineError } from '../../domain/errors.js';
import { renderDriftIssue } from '../../gitops/comments.js';
import { appliesDuringPlan, renderDriftSkipped } from '../../gitops/drift.js';
import type { Plan } from '../../plan/types.js';
import type { GithubRepo, WorkflowRun } from '../../ports/github.js';
import type { GithubPorts } from './deps.js';
import { closeIssue, LABELS, upsertIssue } from './issues.js';

export interface DriftIssueOptions {
  /** The file name of the apply workflow, whose runs the drift check waits out. */
  applyWorkflow: string;
  /** When the drift job began to plan (ISO 8601): an apply that ended since then overlapped the plan. */
  since?: string | undefined;
}

export type DriftOutcome = {
  /** skipped: an apply overlapped the plan; drift: the issue is open; no-drift: closed, or there was none. */
  outcome: 'skipped' | 'drift' | 'no-drift';
  issue: number | undefined;
};

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

/** AWS differs from the branch: the drift issue opened, or updated with the plan. */
async function reportDrift(plan: Plan, deps: GithubPorts): Promise<DriftOutcome> {
  const body = renderDriftIssue(plan, deps.runUrl);
  const title = `Drift: ${plan.changes.length} change(s) between main and AWS`;
  const issue = await upsertIssue(deps.repo, LABELS.drift, 'drift', deps.botLogin, title, body);
  deps.out.info(`drift issue #${issue.number} ${issue.action}: ${plan.changes.length} change(s)`);
  deps.out.outputs({ skipped: false, drift: true, issue: issue.number, changes: plan.changes.length });
  await deps.out.summary(body);
  return { outcome: 'drift', issue: issue.number };
}

/**
 * `spa github drift-issue`: one issue labelled drift while AWS differs from the branch, updated with the plan;
 * closed when it no longer differs. Skipped, the issue left alone, when an apply ran while the plan read AWS.
 */
export async function driftIssue(
  plan: Plan,
  deps: GithubPorts,
  options: DriftIssueOptions,
): Promise<DriftOutcome> {
  const { out } = deps;
  const applies = await overlappingApplies(deps.repo, options);
  if (applies.length > 0) {
    out.info(
      `drift check skipped: the apply workflow ran while the plan read AWS (${applies.map((r) => `run ${r.id} ${r.status}`).join(', ')}); the drift issue is left as it was`,
    );
    out.outputs({ skipped: true, drift: '', issue: '', changes: plan.changes.length });
    await out.summary(renderDriftSkipped(applies));
    return { outcome: 'skipped', issue: undefined };
  }
  if (plan.changes.length > 0 || plan.summary.errors > 0) return reportDrift(plan, deps);
  const closed = await closeIssue(
    deps.repo,
    LABELS.drift.name,
    'drift',
    deps.botLogin,
    `AWS matches main again${deps.runUrl ? ` (${deps.runUrl})` : ''}: closing.`,
  );
  out.info(closed ? `drift issue #${closed} closed` : 'no drift, no drift issue');
  out.outputs({ skipped: false, drift: false, issue: closed ?? '', changes: 0 });
  await out.summary('No drift: AWS matches main.');
  return { outcome: 'no-drift', issue: closed };
}
