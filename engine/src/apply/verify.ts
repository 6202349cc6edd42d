import type { DesiredOrganization } from '../desired/types.js';
import type { ApplyResult } from '../domain/generated/types.js';
import { planDigest } from '../plan/digest.js';
import { closeQuota, largeOf } from '../plan/guards.js';
import { hasErrorFindings, type Plan } from '../plan/types.js';

export type Refusal = NonNullable<ApplyResult['refusal']>;

/** The settings files that differ between a plan and the settings of --dir. */
export function changedFiles(
  planned: Record<string, string>,
  current: Record<string, string>,
): NonNullable<Refusal['files']> {
  const out: NonNullable<Refusal['files']> = [];
  for (const [path, digest] of Object.entries(current)) {
    if (planned[path] === undefined) out.push({ path, change: 'added' });
    else if (planned[path] !== digest) out.push({ path, change: 'changed' });
  }
  for (const path of Object.keys(planned))
    if (current[path] === undefined) out.push({ path, change: 'removed' });
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What apply checks before it reads AWS: the plan is the one spa plan wrote (its digest), it was made from
 * the settings of --dir, it has no blocking finding, and it is not large (recomputed, never read from the
 * file) unless allowed. Returns the first refusal, or undefined.
 */
export function verifyPlan(
  plan: Plan,
  desired: DesiredOrganization,
  allowLarge: boolean,
): Refusal | undefined {
  if (planDigest(plan) !== plan.digest)
    return {
      code: 'plan-modified',
      message: `the plan file was changed after it was made (its digest ${plan.digest} does not match its content): nothing was applied; make the plan again with spa plan --out`,
    };
  if (plan.environment !== desired.environment)
    return {
      code: 'wrong-environment',
      message: `the plan is for environment ${plan.environment}, the settings of --dir for ${desired.environment}`,
    };
  if (plan.git.settingsDigest !== desired.source.settingsDigest) {
    const files = changedFiles(plan.git.files, desired.source.files);
    return {
      code: 'other-settings',
      message: `the plan was made from other settings than those of --dir (${files.length} file${files.length === 1 ? '' : 's'} differ: ${files
        .slice(0, 5)
        .map((f) => `${f.path} ${f.change}`)
        .join(', ')}${files.length > 5 ? ', ...' : ''}): plan again from these settings`,
      files,
    };
  }
  if (hasErrorFindings(plan))
    return {
      code: 'plan-has-errors',
      message: `the plan has ${plan.findings.filter((f) => f.severity === 'error').length} error finding(s): fix them and plan again`,
    };
  const closes = plan.changes.filter((c) => c.action === 'close-account').length;
  const quota = closeQuota(plan.guards.activeMemberAccounts);
  if (closes > quota)
    return {
      code: 'close-quota',
      message: `the plan closes ${closes} accounts; AWS allows ${quota} per 30 days in this organization`,
    };
  const large = largeOf(plan.changes, plan.guards, desired.settings);
  if (large.isLarge && !allowLarge)
    return {
      code: 'large-plan',
      message: `the plan is large (${large.reasons.join('; ')}): review it, then apply with --allow-large`,
    };
  return undefined;
}
