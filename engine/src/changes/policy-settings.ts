import { minifyPolicy, policyAwsName } from '../domain/policies.js';
import { refused, type CheckContext, type Readiness } from './kind.js';

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

/**
 * Why a change that writes a policy (`verb`: what the plan does with it) is not what the settings ask for, or
 * undefined when it is.
 */
export function policyTextRefusal(
  ctx: CheckContext,
  change: { target: { name: string; awsName: string; file: string }; after: PolicyText },
  verb: 'creates' | 'writes',
): Readiness | undefined {
  const settings = policyOfSettings(ctx, change.target);
  if (!settings.ok) return refused(settings.reason);
  if (!samePolicyText(change.after, settings.want))
    return refused(`${change.target.file} or its description differs from what the plan ${verb}`);
  return undefined;
}

/** Whether a document and description in AWS are the ones given (whitespace of the JSON aside). */
export function samePolicyText(current: PolicyText, want: PolicyText): boolean {
  return (
    current.description === want.description &&
    (minifyPolicy(current.content) ?? current.content) === want.content
  );
}
