import type { ApplyResult } from '../domain/generated/types.js';
import { code, escapeMarkdown } from '../render/markdown-escape.js';
import { MARKDOWN_CHUNK_LIMIT, renderPlanMarkdown } from '../render/plan-markdown.js';
import { SIGN } from '../render/plan-words.js';
import type { Plan } from '../plan/types.js';
import { splitByCause } from './compare.js';
import { ALLOW_LARGE_LABEL } from './gate.js';
import { formatMarker } from './markers.js';

/** GitHub keeps at most this many plan comments on a pull request; a larger plan points to the run's artifact. */
export const MAX_PLAN_COMMENTS = 10;

export interface PrCommentInput {
  head: Plan;
  /** The plan of the pull request's base branch against AWS: what already differs without the PR. */
  base?: Plan;
  pr: number;
  headSha: string;
  /** Where the run's artifacts (the full plan) are. */
  runUrl?: string;
  /** The drift run whose full plan a targeted plan stands on: the apply workflow plans main against it too. */
  referenceRun?: number;
  limit?: number;
}

function prSummary(input: PrCommentInput): string {
  const split = splitByCause(input.head, input.base);
  const count = (changes: typeof split.caused) => {
    const by: Record<string, number> = {};
    for (const c of changes) by[c.action] = (by[c.action] ?? 0) + 1;
    return by;
  };
  const caused = count(split.caused);
  const existing = count(split.existing);
  const actions = [...new Set([...Object.keys(caused), ...Object.keys(existing)])];
  const lines = ['| Action | This pull request | Already differs on main |', '|---|---:|---:|'];
  for (const a of actions)
    lines.push(
      `| ${code(`${SIGN[a as keyof typeof SIGN]} ${a}`)} | ${caused[a] ?? 0} | ${existing[a] ?? 0} |`,
    );
  const out = [
    actions.length ? lines.join('\n') : '_No change: AWS already matches this pull request._',
    `This pull request causes **${split.caused.length}** change${split.caused.length === 1 ? '' : 's'}.` +
      (input.base
        ? ` ${split.existing.length} difference${split.existing.length === 1 ? '' : 's'} already exist${split.existing.length === 1 ? 's' : ''} between main and AWS and would be applied too.`
        : ''),
  ];
  const h = input.head;
  out.push(scopeWords(h));
  if (h.large.isLarge)
    out.push(
      `> [!WARNING]\n> This plan is large: ${escapeMarkdown(h.large.reasons.join('; '))}. On merge it is applied only if this pull request carries the label ${code(ALLOW_LARGE_LABEL)} (setting a label takes triage access or more); without it, nothing is applied and a maintainer applies the plan from a manual run of the apply workflow, confirming its digest.`,
    );
  if (h.summary.errors)
    out.push(
      `> [!CAUTION]\n> The plan has ${h.summary.errors} error(s) (see the findings): it cannot be applied.`,
    );
  out.push(
    `On merge, the apply workflow plans main again and applies only if it finds this plan, ${code(h.digest)}.`,
  );
  return out.join('\n\n');
}

/** Whether the plan read the whole organization or only what the pull request reaches, and at what cost. */
export function scopeWords(plan: Plan): string {
  const s = plan.scope;
  const calls =
    s?.awsCalls === undefined ? '' : ` with **${s.awsCalls}** AWS call${s.awsCalls === 1 ? '' : 's'}`;
  if (s?.kind !== 'targeted')
    return `Full plan: the whole organization was read${calls}${s?.reason ? ` (${escapeMarkdown(s.reason)})` : ''}.`;
  const n = s.accounts ?? 0;
  const ous = s.ous?.length ?? 0;
  const ref = s.reference;
  const since = ref
    ? ` Differences elsewhere between main and AWS are those of the last full plan of main (${escapeMarkdown(ref.createdAt)}${ref.commit ? `, ${code(ref.commit.slice(0, 12))}` : ''}): see the drift issue.`
    : '';
  return `Targeted plan: this pull request reaches **${n}** account${n === 1 ? '' : 's'}${ous ? ` and ${ous} OU file${ous === 1 ? '' : 's'}` : ''}, read${calls}.${since}`;
}

/** The plan comment(s) of a pull request: at most ten, each complete, each with its hidden marker. */
export function renderPrComments(input: PrCommentInput): string[] {
  const { head } = input;
  const split = splitByCause(head, input.base);
  const title = `SPA plan for pull request #${input.pr}`;
  const marker = (part: number, parts: number) =>
    formatMarker({
      kind: 'plan',
      pr: input.pr,
      commit: input.headSha,
      digest: head.digest,
      ...(input.referenceRun !== undefined && head.scope?.kind === 'targeted'
        ? { reference: input.referenceRun }
        : {}),
      part,
      parts,
    });
  const sections = [
    {
      heading: `#### Changes this pull request causes (${split.caused.length})`,
      changes: split.caused,
      empty: '_None: this pull request changes nothing in AWS._',
    },
    ...(input.base
      ? [
          {
            heading: `#### Differences that already exist between main and AWS (${split.existing.length})`,
            changes: split.existing,
          },
        ]
      : []),
    ...(split.removed.length
      ? [
          {
            heading: `#### Differences on main that this pull request removes (${split.removed.length})`,
            changes: split.removed,
          },
        ]
      : []),
  ];
  const chunks = renderPlanMarkdown(head, {
    title,
    sections,
    summary: prSummary(input),
    marker,
    limit: input.limit ?? MARKDOWN_CHUNK_LIMIT,
  });
  if (chunks.length <= MAX_PLAN_COMMENTS) return chunks;
  const where = input.runUrl
    ? `in the artifacts of [the run](${input.runUrl})`
    : 'in the artifacts of the run';
  return [
    `${marker(1, 1)}\n### ${escapeMarkdown(title)}\n\n${prSummary(input)}\n\n` +
      `The plan has **${head.changes.length} changes**, too many for ${MAX_PLAN_COMMENTS} comments: the full plan (JSON and Markdown) is ${where}.\n`,
  ];
}

/** The job summary: the first part of the plan, and the rest by reference; always far below GitHub's 1 MiB. */
export function renderJobSummary(parts: readonly string[], runUrl?: string): string {
  const first = parts[0] ?? '';
  const more =
    parts.length > 1
      ? `\n\n_${parts.length - 1} more part(s) in the pull request comments and in the artifacts${runUrl ? ` of [the run](${runUrl})` : ''}._\n`
      : '';
  return (first + more).slice(0, 900_000);
}

export function renderDriftIssue(plan: Plan, runUrl?: string): string {
  const marker = formatMarker({ kind: 'drift', digest: plan.digest });
  const chunks = renderPlanMarkdown(plan, { title: 'Drift: AWS differs from main', limit: 55_000 });
  const rest =
    chunks.length > 1
      ? `\n\n_The plan continues in ${chunks.length - 1} more part(s): see the artifacts of the latest drift run${runUrl ? ` (${runUrl.replace(/\/\d+$/, '')})` : ''}._`
      : '';
  // The body does not name the run: it stays the same, and is not rewritten, while the drift does not change.
  return `${marker}\n${chunks[0] ?? ''}${rest}\n\nThe drift workflow plans main against AWS every day; this issue is updated while they differ and closed when they agree again.\n`;
}

/** The apply outcome for the merged pull request(s): counts, then each change that did not apply. */
export function renderApplyComment(result: ApplyResult, sha: string, runUrl?: string, maxRows = 200): string {
  const s = result.summary;
  const head = `### SPA apply of ${code(sha.slice(0, 12))}: ${result.outcome === 'applied' ? '✅ applied' : result.outcome === 'partial' ? '❌ incomplete' : result.outcome === 'refused' ? '⛔ refused' : 'nothing to do'}`;
  const lines = [
    head,
    '',
    `${s.applied} applied · ${s.alreadyApplied} already applied · ${s.failed} failed · ${s.skipped} skipped · plan ${code(result.planDigest)}`,
  ];
  if (result.refusal) lines.push('', `> ${escapeMarkdown(result.refusal.message)}`);
  const rows = result.results.filter((r) => r.status === 'failed' || r.status === 'skipped');
  const shown = (rows.length ? rows : result.results).slice(0, maxRows);
  if (shown.length) {
    lines.push('', '| Change | Status | Message |', '|---|---|---|');
    for (const r of shown) lines.push(`| ${code(r.change)} | ${r.status} | ${escapeMarkdown(r.message)} |`);
    const hidden = (rows.length ? rows : result.results).length - shown.length;
    if (hidden > 0)
      lines.push(
        '',
        `_${hidden} more: see the apply result in the artifacts${runUrl ? ` of [the run](${runUrl})` : ''}._`,
      );
  }
  if (runUrl) lines.push('', `Run: ${runUrl}`);
  return lines.join('\n') + '\n';
}

export function renderApplyIssue(
  title: string,
  message: string,
  sha: string,
  runUrl?: string,
  result?: ApplyResult,
): string {
  const marker = formatMarker({ kind: 'apply' });
  const body = result ? renderApplyComment(result, sha, runUrl) : '';
  return `${marker}\n### ${escapeMarkdown(title)}\n\n${escapeMarkdown(message)}\n\n${body}${runUrl ? `\nRun: ${runUrl}\n` : ''}`;
}
