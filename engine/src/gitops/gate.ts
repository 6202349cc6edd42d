import { hasErrorFindings, type Plan } from '../plan/types.js';
import { parseMarker, type PlanMarker } from './markers.js';
import type { ExistingComment } from '../ports/github.js';

/**
 * The label that lets a merge apply a large plan. Setting a label takes triage access or more to the repository,
 * more than opening a pull request; without it, a large plan waits for a maintainer's confirmation.
 */
export const ALLOW_LARGE_LABEL = 'spa/allow-large';

/** A pull request merged into the branch being applied. */
export interface MergedPull {
  number: number;
  headSha: string;
  fromFork: boolean;
  /** The names of its labels when the gate ran. */
  labels: readonly string[];
  /** The digest of its approved plan: carried by a comment of the workflow's identity at its final head commit. */
  approvedDigest?: string;
  /** The drift run whose full plan its approved plan stood on, when that plan was targeted. */
  approvedReference?: number;
}

export type GateDecision =
  | {
      apply: true;
      reason: 'approved' | 'confirmed';
      /** Whether apply may take a large plan (`--allow-large`). */
      allowLarge: boolean;
      message: string;
    }
  | {
      apply: false;
      reason:
        | 'no-changes'
        | 'plan-has-errors'
        | 'digest-mismatch'
        | 'no-approved-plan'
        | 'fork-needs-confirmation'
        | 'confirmation-mismatch'
        | 'needs-confirmation'
        | 'large-needs-label';
      message: string;
    };

/**
 * The digest approved in a pull request: from a plan comment of the workflow's identity, made at the pull
 * request's final head commit. A comment by anyone else, or made at an earlier commit, is not trusted.
 */
export function approvedDigest(
  comments: readonly ExistingComment[],
  pull: { number: number; headSha: string },
  botLogin: string,
): string | undefined {
  return approvedPlan(comments, pull, botLogin)?.digest;
}

/** The marker of the approved plan (its digest, and the drift run a targeted plan stood on), trusted as above. */
export function approvedPlan(
  comments: readonly ExistingComment[],
  pull: { number: number; headSha: string },
  botLogin: string,
): PlanMarker | undefined {
  for (const c of comments) {
    if (c.author !== botLogin) continue;
    const m = parseMarker(c.body);
    if (m?.kind === 'plan' && m.pr === pull.number && m.commit === pull.headSha && m.part === 1) return m;
  }
  return undefined;
}

/**
 * The shortest confirmation taken for a digest: `sha256:` and 12 hex digits (48 bits). The confirmation proves
 * that a maintainer read the current plan, it is no secret: a plan that changed since shares its first 12 digits
 * by chance once in 2^48, and whatever the confirmation, apply only brings AWS to the reviewed branch.
 */
export const MIN_CONFIRMATION_LENGTH = 'sha256:'.length + 12;

const numbers = (pulls: readonly MergedPull[]) => pulls.map((p) => `#${p.number}`).join(', ');
const largeReasons = (plan: Plan) => plan.large.reasons.join('; ');

/** A maintainer's confirmation: the current plan, large or not, when it names the current digest. */
function decideConfirmed(plan: Plan, confirm: string): GateDecision {
  if (
    confirm === plan.digest ||
    (confirm.length >= MIN_CONFIRMATION_LENGTH && plan.digest.startsWith(confirm))
  )
    return {
      apply: true,
      reason: 'confirmed',
      allowLarge: plan.large.isLarge,
      message: `A maintainer confirmed the plan ${plan.digest}${plan.large.isLarge ? `, a large plan (${largeReasons(plan)})` : ''}.`,
    };
  const short = confirm.length < MIN_CONFIRMATION_LENGTH && plan.digest.startsWith(confirm);
  return {
    apply: false,
    reason: 'confirmation-mismatch',
    message: short
      ? `The confirmation ${confirm} is too short: give the digest of the current plan, ${plan.digest}, or at least its first ${MIN_CONFIRMATION_LENGTH} characters. Nothing was applied.`
      : `The confirmation ${confirm} is not the digest of the current plan, ${plan.digest}: nothing was applied. Read the current plan, then confirm its digest.`,
  };
}

/** The plan is the one approved in `approving`: applied, unless it is large and none of them carries the label. */
function decideApproved(
  plan: Plan,
  pulls: readonly MergedPull[],
  approving: readonly MergedPull[],
): GateDecision {
  const message = `The plan ${plan.digest} is the one approved in ${numbers(pulls)}.`;
  if (!plan.large.isLarge) return { apply: true, reason: 'approved', allowLarge: false, message };
  const labelled = approving.filter((p) => p.labels.includes(ALLOW_LARGE_LABEL));
  if (labelled.length > 0)
    return {
      apply: true,
      reason: 'approved',
      allowLarge: true,
      message: `${message} It is large (${largeReasons(plan)}), and ${numbers(labelled)} carries the label ${ALLOW_LARGE_LABEL}.`,
    };
  return {
    apply: false,
    reason: 'large-needs-label',
    message: `The plan ${plan.digest} is the one approved in ${numbers(pulls)}, but it is large (${largeReasons(plan)}): from a merge, a large plan is applied only when its pull request carries the label ${ALLOW_LARGE_LABEL}. Nothing was applied. A maintainer applies it from a manual run, confirming the digest ${plan.digest}.`,
  };
}

/** A push: the plan must be the one approved in a merged pull request of this repository. */
function decideMerged(plan: Plan, pulls: readonly MergedPull[]): GateDecision {
  const forks = pulls.filter((p) => p.fromFork);
  if (forks.length > 0)
    return {
      apply: false,
      reason: 'fork-needs-confirmation',
      message: `Pull request ${numbers(forks)} came from a fork: its plan was not made with the organization's credentials. A maintainer applies it from a manual run, confirming the digest ${plan.digest}.`,
    };
  if (pulls.length === 0)
    return {
      apply: false,
      reason: 'needs-confirmation',
      message: `No merged pull request explains these changes (a direct push?): a maintainer applies them from a manual run, confirming the digest ${plan.digest}.`,
    };
  const approving = pulls.filter((p) => p.approvedDigest === plan.digest);
  if (approving.length > 0) return decideApproved(plan, pulls, approving);
  const approved = pulls.filter((p) => p.approvedDigest !== undefined);
  if (approved.length === 0)
    return {
      apply: false,
      reason: 'no-approved-plan',
      message: `No plan comment of this workflow was found at the final commit of ${numbers(pulls)}: nothing was applied. A maintainer applies it from a manual run, confirming the digest ${plan.digest}.`,
    };
  return {
    apply: false,
    reason: 'digest-mismatch',
    message: `The plan of main against AWS (${plan.digest}) differs from the plan approved in ${approved.map((p) => `#${p.number} (${p.approvedDigest})`).join(', ')}: AWS or main changed since the review. Nothing was applied. Review the current plan, then apply it from a manual run confirming its digest.`,
  };
}

/**
 * Whether the plan of the branch against AWS may be applied: only when its digest is the digest approved in a
 * pull request merged by this push (the newest one includes the earlier ones: branches are up to date before
 * they merge), or when a maintainer confirmed this very digest in a manual run. Pull requests from forks always
 * need that confirmation. A large plan goes through from a merge only with the label ALLOW_LARGE_LABEL on an
 * approving pull request, and through a confirmation always: `allowLarge` says whether apply gets --allow-large.
 */
export function decideApply(
  plan: Plan,
  pulls: readonly MergedPull[],
  confirm: string | undefined,
): GateDecision {
  if (plan.changes.length === 0)
    return {
      apply: false,
      reason: 'no-changes',
      message: 'AWS already matches the branch: nothing to apply.',
    };
  if (hasErrorFindings(plan))
    return {
      apply: false,
      reason: 'plan-has-errors',
      message: `The plan has ${plan.summary.errors} error(s): nothing can be applied until they are fixed.`,
    };
  if (confirm !== undefined && confirm !== '') return decideConfirmed(plan, confirm.trim());
  return decideMerged(plan, pulls);
}
