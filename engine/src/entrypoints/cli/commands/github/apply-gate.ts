import { ExitCode } from '../../../../domain/errors.js';
import { renderApplyIssue } from '../../../../gitops/comments.js';
import { approvedDigest, decideApply, type MergedPull } from '../../../../gitops/gate.js';
import { escapeMarkdown } from '../../../../render/markdown-escape.js';
import type { CliIo } from '../../io.js';
import { actionsRun, core, readPlanFile, writeOutputs, type ActionsRun } from './context.js';
import { LABELS, upsertIssue } from './issues.js';

interface PushPayload {
  commits?: { id: string }[];
  inputs?: { confirm?: string };
  repository?: { default_branch?: string };
}

/** The pull requests a push merged into the default branch, each with its approved digest and its labels. */
async function mergedPulls(run: ActionsRun, payload: PushPayload): Promise<MergedPull[]> {
  const branch = payload.repository?.default_branch ?? 'main';
  const shas = [...new Set([...(payload.commits ?? []).map((c) => c.id), run.context.sha])];
  const seen = new Set<number>();
  const pulls: MergedPull[] = [];
  for (const sha of shas) {
    for (const p of await run.repo.pullsOfCommit(sha)) {
      if (seen.has(p.number) || p.mergedAt === null || p.baseRef !== branch) continue;
      seen.add(p.number);
      const digest = approvedDigest(
        await run.repo.listComments(p.number),
        { number: p.number, headSha: p.headSha },
        run.botLogin,
      );
      pulls.push({
        number: p.number,
        headSha: p.headSha,
        fromFork: p.headRepo !== run.repo.repository,
        labels: p.labels,
        ...(digest ? { approvedDigest: digest } : {}),
      });
    }
  }
  return pulls;
}

/** A refusal: said on each merged pull request and in the spa-apply issue. */
async function reportRefusal(run: ActionsRun, prs: number[], message: string, digest: string): Promise<void> {
  core.error(message, { title: 'SPA apply refused' });
  const text = `Not applied: ${message}\n\nTo apply the current plan, run the apply workflow by hand (Actions, "Run workflow") with confirm = ${digest}.`;
  for (const number of prs)
    await run.repo.createComment(
      number,
      `### SPA apply refused\n\n${escapeMarkdown(text)}${run.runUrl ? `\n\nRun: ${run.runUrl}` : ''}\n`,
    );
  const issue = await upsertIssue(
    run.repo,
    LABELS.apply,
    'apply',
    run.botLogin,
    'SPA apply refused',
    renderApplyIssue('SPA apply refused', text, run.context.sha, run.runUrl),
  );
  run.log(`apply issue #${issue.number} ${issue.action}`);
}

/**
 * `spa github apply-gate`: on a push to main, passes only when the plan of main against AWS is the plan
 * approved in the pull requests the push merged; in a manual run, only when the maintainer confirmed its digest.
 * Exit 0 and output apply=true to go on (allow-large=true when apply may take a large plan); exit 0 with
 * apply=false when there is nothing to do; exit 1 when refused.
 */
export async function applyGateCommand(
  options: { plan: string; confirm?: string },
  io: CliIo,
): Promise<number> {
  const run = actionsRun(io);
  const plan = readPlanFile(options.plan, io);
  const event = run.context.eventName;
  const payload = run.context.payload as PushPayload;
  const confirm = options.confirm ?? (event === 'workflow_dispatch' ? payload.inputs?.confirm : undefined);
  const pulls = event === 'push' ? await mergedPulls(run, payload) : [];
  const decision = decideApply(plan, pulls, confirm);
  const prs = pulls.map((p) => p.number);
  await writeOutputs(
    {
      apply: decision.apply,
      'allow-large': decision.apply && decision.allowLarge,
      reason: decision.reason,
      digest: plan.digest,
      prs: prs.join(','),
    },
    `### Apply gate: ${decision.apply ? 'open' : 'closed'}\n\n${escapeMarkdown(decision.message)}\n`,
  );
  run.log(
    `apply gate: ${decision.apply ? 'apply' : 'do not apply'} (${decision.reason}): ${decision.message}`,
  );
  if (decision.apply || decision.reason === 'no-changes') return ExitCode.ok;
  await reportRefusal(run, prs, decision.message, plan.digest);
  return ExitCode.userError;
}
