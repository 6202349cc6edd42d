import { EngineError } from '../domain/errors.js';
import { formatProvenance, type Sourced } from '../domain/source.js';
import { policyAwsName } from '../domain/policies.js';
import type { DesiredOu } from '../desired/types.js';
import type { ObservedOu, ObservedPolicy } from '../observed/types.js';
import type { PlanContext } from './context.js';
import { policyRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import { attachmentAddress, checkAttachmentSettings } from './policy-attachment.js';

/** Attaches a policy that the OU's settings (its file, or a parent's inherited) list. */
export function planAttachPolicy(
  ctx: PlanContext,
  ou: DesiredOu,
  observed: ObservedOu | undefined,
  ref: Sourced<string>,
  policy: ObservedPolicy | undefined,
  dependsOn: string[],
): void {
  const name = ref.value;
  const address = attachmentAddress(name, ou.path);
  const awsName = policyAwsName(ctx.desired.desired.environment, name);
  ctx.changes.push(
    change(attachPolicy, {
      address,
      reason: 'missing',
      summary: `attach the service control policy ${awsName} to OU ${ou.path}${ref.source.file === ou.file ? '' : ` (inherited from ${ref.source.file})`}`,
      target: {
        kind: 'policy-attachment',
        name: `${name} on ${ou.path}`,
        policy: name,
        awsName,
        ...(policy ? { policyId: policy.id } : {}),
        path: ou.path,
        ...(observed ? { ouId: observed.id } : {}),
        file: ou.file,
      },
      before: { attached: false },
      after: { attached: true },
      provenance: { attached: formatProvenance(ref.source) },
      dependsOn,
      precondition: { attached: false },
    }),
  );
}

export const attachPolicy: ChangeKind<'attach-policy'> = {
  action: 'attach-policy',
  sign: '+',
  destructive: false,
  order: 16,
  touchesAccount: false,
  rows: policyRows,
  async check(change, ctx) {
    const t = change.target;
    const settings = checkAttachmentSettings(ctx, t);
    if (!settings.defined) return refused(settings.reason);
    if (!settings.attached) return refused(`the settings of OU ${t.path} do not attach ${t.policy}`);
    const { world } = ctx;
    const policyId = t.policyId ?? (await world.policyByName(t.awsName))?.id;
    if (!policyId)
      return change.dependsOn.some((k) => k.startsWith('create-policy:'))
        ? READY
        : stale(`policy ${t.awsName} exists`, 'it does not');
    const policy = await world.policy(policyId, ctx.environment);
    if (!policy?.managed)
      return stale(`policy ${policyId} carries the tags of this environment`, 'it does not');
    const ouId = await world.ouId(t.path);
    if (ouId === undefined)
      return change.dependsOn.some((k) => k.startsWith('create-ou:'))
        ? READY
        : stale(`OU ${t.path} exists`, 'it does not');
    if (t.ouId !== undefined && ouId !== t.ouId) return stale(`OU ${t.path} is ${t.ouId}`, `it is ${ouId}`);
    const attached = await world.policiesFor(ouId);
    if (!attached) return stale(`OU ${t.path} exists`, 'it does not');
    return attached.some((p) => p.id === policyId) ? DONE : READY;
  },
  async execute(change, { world, policies }) {
    const t = change.target;
    const policyId = t.policyId ?? (await world.policyByName(t.awsName, true))?.id;
    const ouId = t.ouId ?? (await world.ouId(t.path));
    if (!policyId || !ouId)
      throw new EngineError('policy-target-missing', `policy ${t.awsName} or OU ${t.path} does not exist`, {
        source: 'system',
      });
    const attached = await policies.attachPolicy(policyId, ouId);
    return {
      changed: attached,
      message: attached ? `attached to ${t.path}` : 'already attached',
      resourceId: policyId,
    };
  },
};
