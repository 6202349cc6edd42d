import { formatProvenance } from '../domain/source.js';
import { policyAwsName, policyTags } from '../domain/policies.js';
import type { DesiredPolicy } from '../domain/generated/types.js';
import type { PlanContext } from './context.js';
import { policyRows } from './display-rows.js';
import { change, DONE, READY, stale, type ChangeKind } from './kind.js';
import { policyTextRefusal, samePolicyText } from './policy-settings.js';

/** Creates a policy that settings.yaml defines and AWS lacks; returns the change key. */
export function planCreatePolicy(ctx: PlanContext, name: string, policy: DesiredPolicy): string {
  const address = `policy/${name}`;
  const awsName = policyAwsName(ctx.desired.desired.environment, name);
  const planned = change(createPolicy, {
    address,
    reason: 'missing',
    summary: `create the service control policy ${awsName} from ${policy.file}`,
    target: { kind: 'policy', name, awsName, file: policy.file },
    before: null,
    after: { description: policy.description ?? '', content: policy.content },
    provenance: { content: policy.file, description: formatProvenance(policy.source) },
    dependsOn: [],
    precondition: { absent: true },
  });
  ctx.changes.push(planned);
  return planned.key;
}

export const createPolicy: ChangeKind<'create-policy'> = {
  action: 'create-policy',
  sign: '+',
  destructive: false,
  order: 12,
  touchesAccount: false,
  rows: policyRows,
  async check(change, ctx) {
    const refusal = policyTextRefusal(ctx, change, 'creates');
    if (refusal) return refusal;
    const found = await ctx.world.policyByName(change.target.awsName);
    if (!found) return READY;
    const current = await ctx.world.policy(found.id, ctx.environment);
    if (current?.managed && samePolicyText(current, change.after)) return DONE;
    return stale(`no policy named ${change.target.awsName}`, `policy ${found.id} has that name`);
  },
  async execute(change, { world, policies, environment }) {
    const { awsName } = change.target;
    const existing = await world.policyByName(awsName, true);
    if (existing) return { changed: false, message: `policy ${awsName} exists`, resourceId: existing.id };
    try {
      const created = await policies.createPolicy({
        awsName,
        ...change.after,
        tags: policyTags(environment),
      });
      world.addPolicy(created);
      return { changed: true, message: `created ${awsName}`, resourceId: created.id };
    } catch (error) {
      // A lost answer may hide a success: look again before failing.
      const found = await world.policyByName(awsName, true);
      if (!found) throw error;
      return { changed: true, message: `created ${awsName}`, resourceId: found.id };
    }
  },
};
