import { planAttachPolicy } from '../changes/attach-policy.js';
import { planCreatePolicy } from '../changes/create-policy.js';
import { planDetachPolicy } from '../changes/detach-policy.js';
import { planUpdatePolicy } from '../changes/update-policy.js';
import {
  FULL_AWS_ACCESS,
  isFullAwsAccess,
  MAX_POLICIES_PER_TARGET,
  policyAwsName,
} from '../domain/policies.js';
import type { DesiredOu } from '../desired/types.js';
import type { ObservedPolicies } from '../observed/types.js';
import { changeKey } from '../domain/names.js';
import type { PlanContext } from '../changes/context.js';

/**
 * The service control policies: created or updated to their documents in settings.yaml, attached to the OUs
 * whose settings list them, and (only the engine's own) detached from those that no longer do. Nothing is
 * planned while SCPs are disabled on the root; a detach that could lock accounts out is refused.
 */
export function planPolicies(ctx: PlanContext, createdOus: ReadonlyMap<string, string>): void {
  const obs = ctx.policies;
  if (!obs) return;
  const defined = ctx.settings.serviceControlPolicies;
  const ous = ctx.desired.desired.organizationalUnits;
  if (!obs.enabled) {
    if (Object.keys(defined).length > 0 || ous.some((ou) => ou.serviceControlPolicies.length > 0))
      ctx.findings.push({
        kind: 'scp-disabled',
        severity: 'error',
        file: ctx.settings.file,
        message: `the settings define service control policies, but the policy type SERVICE_CONTROL_POLICY is not enabled on the root of the organization: enable it with "aws organizations enable-policy-type --root-id ${ctx.observed.rootId} --policy-type SERVICE_CONTROL_POLICY" (or in the console: AWS Organizations, Policies, Service control policies), then plan again`,
      });
    return;
  }
  const environment = ctx.desired.desired.environment;
  const created = new Map<string, string>();
  for (const [name, policy] of Object.entries(defined)) {
    const current = obs.managed.get(name);
    const awsName = policyAwsName(environment, name);
    if (current) planUpdatePolicy(ctx, name, policy, current);
    else if (obs.byName.has(awsName))
      ctx.findings.push({
        kind: 'policy-name-taken',
        severity: 'error',
        file: ctx.settings.file,
        line: policy.source.line,
        message: `a service control policy named ${awsName} (${obs.byName.get(awsName)!.id}) exists without the tags of this environment (managed-by: spa, spa-environment: ${environment}): the engine does not take over a policy it did not create. Rename "${name}" in settings.yaml, or tag or delete that policy`,
      });
    else created.set(name, planCreatePolicy(ctx, name, policy));
  }
  for (const [name, p] of obs.managed)
    if (!defined[name])
      ctx.findings.push({
        kind: 'policy-not-in-settings',
        severity: 'info',
        message: `the service control policy ${p.name} (${p.id}) is no longer defined in settings.yaml: it is detached from the OUs of the settings and stays in AWS; delete it by hand once nothing uses it`,
      });
  for (const ou of ous) planOuPolicies(ctx, obs, ou, created, createdOus.get(ou.path));
}

function planOuPolicies(
  ctx: PlanContext,
  obs: ObservedPolicies,
  ou: DesiredOu,
  created: ReadonlyMap<string, string>,
  ouChange: string | undefined,
): void {
  const observed = ctx.observed.ous.get(ou.path);
  const now = observed ? obs.attached.get(ou.path) : [];
  if (!now) return;
  const ownNames = new Map([...obs.managed].map(([name, p]) => [p.id, name]));
  // The apply role attaches to and detaches from an OU only once it carries the mark of what SPA manages.
  const tagOu = changeKey('tag-ou', `ou/${ou.path}`);
  const marking = ctx.changes.some((c) => c.key === tagOu) ? [tagOu] : [];
  // A new OU gets FullAWSAccess from AWS when it is created.
  let count = observed ? now.length : 1;
  for (const ref of ou.serviceControlPolicies) {
    const policy = obs.managed.get(ref.value);
    const createKey = created.get(ref.value);
    // Neither ours nor created by the plan: its finding (name taken, or not defined) says why.
    if (!policy && !createKey) continue;
    if (policy && now.some((p) => p.id === policy.id)) continue;
    const dependsOn = [...(createKey ? [createKey] : []), ...(ouChange ? [ouChange] : []), ...marking];
    planAttachPolicy(ctx, ou, observed, ref, policy, dependsOn);
    count++;
  }
  const full = observed ? now.some(isFullAwsAccess) : true;
  for (const p of now) {
    const name = ownNames.get(p.id);
    if (name === undefined || ou.serviceControlPolicies.some((r) => r.value === name)) continue;
    if (!full || count <= 1) {
      ctx.findings.push({
        kind: 'detach-refused',
        severity: 'error',
        address: `policy/${name}/ou/${ou.path}`,
        file: ou.file,
        message: `${p.name} is not detached from OU ${ou.path}: ${full ? 'it is the last policy of the OU' : `${FULL_AWS_ACCESS} is not attached to the OU`}, and without an SCP that allows them the accounts below would be locked out. Attach ${FULL_AWS_ACCESS} to the OU first (or list the policy again), then plan again`,
      });
      continue;
    }
    planDetachPolicy(ctx, ou, observed!, name, p, marking);
    count--;
  }
  if (count > MAX_POLICIES_PER_TARGET)
    ctx.findings.push({
      kind: 'too-many-policies',
      severity: 'error',
      file: ou.file,
      message: `OU ${ou.path} would have ${count} service control policies (those attached in AWS by hand included), more than the ${MAX_POLICIES_PER_TARGET} AWS allows: detach some in AWS, or attach fewer in the settings`,
    });
}
