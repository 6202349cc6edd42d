import { formatProvenance } from '../domain/source.js';
import { policyAwsName, policyDigest } from '../domain/policies.js';
import type { DesiredPolicy } from '../domain/generated/types.js';
import type { ManagedPolicy } from '../observed/types.js';
import type { PlanContext } from './context.js';
import { policyRows } from './display-rows.js';
import { change, DONE, READY, stale, type ChangeKind } from './kind.js';
import { policyTextRefusal, samePolicyText } from './policy-settings.js';

/** Brings a policy this engine created back to its document and description in settings.yaml. */
export function planUpdatePolicy(
  ctx: PlanContext,
  name: string,
  policy: DesiredPolicy,
  current: ManagedPolicy,
): void {
  const after = { description: policy.description ?? '', content: policy.content };
  const before = { description: current.description, content: current.content };
  if (samePolicyText(before, after)) return;
  const address = `policy/${name}`;
  const awsName = policyAwsName(ctx.desired.desired.environment, name);
  ctx.changes.push(
    change(updatePolicy, {
      address,
      reason: 'differs',
      summary: `update the service control policy ${awsName} (${current.id}) to ${policy.file}`,
      target: { kind: 'policy', name, awsName, policyId: current.id, file: policy.file },
      before,
      after,
      provenance: { content: policy.file, description: formatProvenance(policy.source) },
      dependsOn: [],
      precondition: { contentDigest: policyDigest(current.content), description: current.description },
    }),
  );
}

export const updatePolicy: ChangeKind<'update-policy'> = {
  action: 'update-policy',
  sign: '~',
  destructive: false,
  order: 14,
  touchesAccount: false,
  rows: policyRows,
  async check(change, ctx) {
    const refusal = policyTextRefusal(ctx, change, 'writes');
    if (refusal) return refusal;
    const current = await ctx.world.policy(change.target.policyId, ctx.environment);
    if (!current) return stale(`policy ${change.target.policyId} exists`, 'it does not');
    if (!current.managed)
      return stale(`policy ${change.target.policyId} carries the tags of this environment`, 'it does not');
    if (samePolicyText(current, change.after)) return DONE;
    const { contentDigest, description } = change.precondition;
    return policyDigest(current.content) === contentDigest && current.description === description
      ? READY
      : stale('the document and description the plan saw', 'another one');
  },
  async execute(change, { policies }) {
    await policies.updatePolicy(change.target.policyId, change.after);
    return { changed: true, message: `updated ${change.target.awsName}`, resourceId: change.target.policyId };
  },
};
