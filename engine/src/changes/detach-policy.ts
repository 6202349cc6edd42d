import { isFullAwsAccess } from '../domain/policies.js';
import type { DesiredOu } from '../desired/types.js';
import type { ObservedOu, ObservedPolicy } from '../observed/types.js';
import type { PlanContext } from './context.js';
import { policyRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import { attachmentAddress, checkAttachmentSettings } from './policy-attachment.js';

/** Detaches a policy this engine created from an OU whose settings no longer list it. */
export function planDetachPolicy(
  ctx: PlanContext,
  ou: DesiredOu,
  observed: ObservedOu,
  name: string,
  policy: ObservedPolicy,
  dependsOn: string[] = [],
): void {
  const address = attachmentAddress(name, ou.path);
  ctx.changes.push(
    change(detachPolicy, {
      address,
      reason: 'unset',
      summary: `detach the service control policy ${policy.name} from OU ${ou.path}: the accounts below lose its protection`,
      target: {
        kind: 'policy-attachment',
        name: `${name} on ${ou.path}`,
        policy: name,
        awsName: policy.name,
        policyId: policy.id,
        path: ou.path,
        ouId: observed.id,
        file: ou.file,
      },
      before: { attached: true },
      after: { attached: false },
      provenance: { attached: `${ou.file} (no longer lists ${name})` },
      dependsOn,
      precondition: { attached: true, fullAwsAccess: true },
    }),
  );
}

export const detachPolicy: ChangeKind<'detach-policy'> = {
  action: 'detach-policy',
  sign: '-',
  destructive: true,
  order: 18,
  touchesAccount: false,
  rows: policyRows,
  async check(change, ctx) {
    const t = change.target;
    const settings = checkAttachmentSettings(ctx, t);
    if (settings.attached) return refused(`the settings of OU ${t.path} attach ${t.policy}`);
    if (!settings.ou) return refused(`no OU file declares ${t.path}`);
    const { world } = ctx;
    const policy = await world.policy(t.policyId, ctx.environment);
    // A policy that is gone is attached nowhere.
    if (!policy) return DONE;
    if (!policy.managed)
      return stale(`policy ${t.policyId} carries the tags of this environment`, 'it does not');
    const ouId = await world.ouId(t.path);
    if (ouId !== t.ouId)
      return stale(`OU ${t.path} is ${t.ouId}`, ouId ? `it is ${ouId}` : 'it does not exist');
    const attached = await world.policiesFor(t.ouId);
    if (!attached) return stale(`OU ${t.path} exists`, 'it does not');
    if (!attached.some((p) => p.id === t.policyId)) return DONE;
    // Never the last policy, never without FullAWSAccess: the accounts below would be locked out.
    return attached.some(isFullAwsAccess) && attached.length > 1
      ? READY
      : stale(`FullAWSAccess attached to OU ${t.path} besides ${t.awsName}`, 'it is not');
  },
  async execute(change, { policies }) {
    const t = change.target;
    const detached = await policies.detachPolicy(t.policyId, t.ouId);
    return {
      changed: detached,
      message: detached ? `detached from ${t.path}` : 'not attached',
      resourceId: t.policyId,
    };
  },
};
