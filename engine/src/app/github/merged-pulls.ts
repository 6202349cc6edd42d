import { approvedPlan, type MergedPull } from '../../gitops/gate.js';
import type { GithubPorts } from './deps.js';

export interface PushPayload {
  commits?: { id: string }[];
  repository?: { default_branch?: string };
}

/**
 * The pull requests a push merged into the default branch, each with what its approved plan carries (digest, and
 * the drift run a targeted plan stood on) and its labels.
 */
export async function mergedPulls(deps: GithubPorts, payload: PushPayload): Promise<MergedPull[]> {
  const { repo } = deps;
  const branch = payload.repository?.default_branch ?? 'main';
  const shas = [...new Set([...(payload.commits ?? []).map((c) => c.id), deps.event.sha])];
  const seen = new Set<number>();
  const pulls: MergedPull[] = [];
  for (const sha of shas) {
    for (const p of await repo.pullsOfCommit(sha)) {
      if (seen.has(p.number) || p.mergedAt === null || p.baseRef !== branch) continue;
      seen.add(p.number);
      const approved = approvedPlan(
        await repo.listComments(p.number),
        { number: p.number, headSha: p.headSha },
        deps.botLogin,
      );
      pulls.push({
        number: p.number,
        headSha: p.headSha,
        fromFork: p.headRepo !== repo.repository,
        labels: p.labels,
        ...(approved ? { approvedDigest: approved.digest } : {}),
        ...(approved?.reference !== undefined ? { approvedReference: approved.reference } : {}),
      });
    }
  }
  return pulls;
}
