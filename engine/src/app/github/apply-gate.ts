import { renderApplyIssue } from '../../gitops/comments.js';
import { decideApply, type GateDecision } from '../../gitops/gate.js';
import type { Plan } from '../../plan/types.js';
import { escapeMarkdown } from '../../render/markdown-escape.js';
import type { GithubPorts } from './deps.js';
import { LABELS, upsertIssue } from './issues.js';
import { mergedPulls, type PushPayload } from './merged-pulls.js';

export type ApplyGateOutcome = {
  /** open: apply (with --allow-large when `decision.allowLarge`); nothing-to-do: AWS matches; refused: said why. */
  outcome: 'open' | 'nothing-to-do' | 'refused';
  decision: GateDecision;
};

/** A refusal: said on each merged pull request and in the spa-apply issue. */
async function reportRefusal(deps: GithubPorts, prs: number[], message: string, plan: Plan): Promise<void> {
  const { repo, runUrl } = deps;
  const digest = plan.digest;
  deps.out.error(message, { title: 'SPA apply refused' });
  // A manual run plans main in full: its digest is this targeted plan's only when nothing else differs.
  const how =
    plan.scope?.kind === 'targeted'
      ? `run the apply workflow by hand (Actions, "Run workflow") without confirm: it plans main in full, drift included, and shows the digest to confirm (${digest} when nothing else differs between main and AWS); then run it again with confirm = that digest.`
      : `run the apply workflow by hand (Actions, "Run workflow") with confirm = ${digest}.`;
  const text = `Not applied: ${message}\n\nTo apply the current plan, ${how}`;
  for (const number of prs)
    await repo.createComment(
      number,
      `### SPA apply refused\n\n${escapeMarkdown(text)}${runUrl ? `\n\nRun: ${runUrl}` : ''}\n`,
    );
  const issue = await upsertIssue(
    repo,
    LABELS.apply,
    'apply',
    deps.botLogin,
    'SPA apply refused',
    renderApplyIssue('SPA apply refused', text, deps.event.sha, runUrl),
  );
  deps.out.info(`apply issue #${issue.number} ${issue.action}`);
}

/**
 * `spa github apply-gate`: on a push to the default branch, opens only when the plan of the branch against AWS is
 * the plan approved in the pull requests the push merged; in a manual run, only when a maintainer confirmed its
 * digest (`confirm`, else the run's input `confirm`). Outputs apply, allow-large, reason, digest and prs; a
 * refusal is said on the pull requests and in the spa-apply issue.
 */
export async function applyGate(
  plan: Plan,
  deps: GithubPorts,
  options: { confirm?: string | undefined } = {},
): Promise<ApplyGateOutcome> {
  const { event, out } = deps;
  const payload = event.payload as PushPayload & { inputs?: { confirm?: string } };
  const confirm =
    options.confirm ?? (event.name === 'workflow_dispatch' ? payload.inputs?.confirm : undefined);
  const pulls = event.name === 'push' ? await mergedPulls(deps, payload) : [];
  const decision = decideApply(plan, pulls, confirm);
  const prs = pulls.map((p) => p.number);
  out.outputs({
    apply: decision.apply,
    'allow-large': decision.apply && decision.allowLarge,
    reason: decision.reason,
    digest: plan.digest,
    prs: prs.join(','),
  });
  await out.summary(
    `### Apply gate: ${decision.apply ? 'open' : 'closed'}\n\n${escapeMarkdown(decision.message)}\n`,
  );
  out.info(
    `apply gate: ${decision.apply ? 'apply' : 'do not apply'} (${decision.reason}): ${decision.message}`,
  );
  if (decision.apply) return { outcome: 'open', decision };
  if (decision.reason === 'no-changes') return { outcome: 'nothing-to-do', decision };
  await reportRefusal(deps, prs, decision.message, plan);
  return { outcome: 'refused', decision };
}
