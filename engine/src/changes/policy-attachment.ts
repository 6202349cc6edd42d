import type { DesiredOu } from '../desired/types.js';
import type { CheckContext } from './kind.js';
import { policyOfSettings } from './policy-settings.js';

/** `policy/<name>/ou/<OU path>`: one change per policy and OU. */
export function attachmentAddress(policy: string, ouPath: string): string {
  return `policy/${policy}/ou/${ouPath}`;
}

export type AttachmentSettings =
  | { defined: false; reason: string; ou: DesiredOu | undefined; attached: false }
  | { defined: true; ou: DesiredOu | undefined; attached: boolean };

/** What the settings say of a policy on an OU: whether the policy is defined, and the OU's settings attach it. */
export function checkAttachmentSettings(
  ctx: CheckContext,
  target: { policy: string; awsName: string; path: string },
): AttachmentSettings {
  const ou = ctx.desired.ous.get(target.path);
  const policy = policyOfSettings(ctx, { name: target.policy, awsName: target.awsName });
  if (!policy.ok) return { defined: false, reason: policy.reason, ou, attached: false };
  return {
    defined: true,
    ou,
    attached: ou?.serviceControlPolicies.some((r) => r.value === target.policy) ?? false,
  };
}
