import { minifyPolicy, policyAwsName } from '../domain/policies.js';
import type { CheckContext } from './kind.js';

/** The document and description settings.yaml gives a policy, as its changes write them. */
export interface PolicyText {
  description: string;
  content: string;
}

/** What settings.yaml says of a policy, or why a change about it is not what the settings ask for. */
export function policyOfSettings(
  ctx: CheckContext,
  target: { name: string; awsName: string },
): { ok: true; want: PolicyText } | { ok: false; reason: string } {
  const settings = ctx.desired.desired.settings;
  const p = settings.serviceControlPolicies[target.name];
  if (!p) return { ok: false, reason: `${settings.file} defines no service control policy ${target.name}` };
  if (policyAwsName(ctx.environment, target.name) !== target.awsName)
    return {
      ok: false,
      reason: `the policy ${target.name} is named ${policyAwsName(ctx.environment, target.name)} in AWS`,
    };
  return { ok: true, want: { description: p.description ?? '', content: p.content } };
}

/** Whether a document and description in AWS are the ones given (whitespace of the JSON aside). */
export function samePolicyText(current: PolicyText, want: PolicyText): boolean {
  return (
    current.description === want.description &&
    (minifyPolicy(current.content) ?? current.content) === want.content
  );
}
