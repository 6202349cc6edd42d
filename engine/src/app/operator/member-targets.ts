import { outermostManagedPaths, targetChanges, type TargetChanges } from '../../desired/member-targets.js';
import type { DesiredOrganization } from '../../desired/types.js';
import type { OrganizationReader } from '../../ports/organization.js';
import type { MemberStackSetTargets } from '../../ports/stack-set.js';
import type { DoctorCheck, NamedCheck } from './doctor-check.js';

export interface MemberTargetsDeps {
  stackSet: MemberStackSetTargets;
  organization: Pick<OrganizationReader, 'readOuTree'>;
}

export interface MemberTargetsResult {
  /** false when the StackSet is not deployed: nothing was compared. */
  deployed: boolean;
  changes: TargetChanges;
  /** The operations started (with `apply` only). */
  operations: { add?: string; remove?: string };
}

const NONE: TargetChanges = { add: [], remove: [], kept: [], absent: [] };

/** The StackSet's OU targets against the outermost managed OUs of the settings. */
async function compare(
  deps: MemberTargetsDeps,
  desired: Pick<DesiredOrganization, 'organizationalUnits'>,
): Promise<TargetChanges | undefined> {
  const targeted = await deps.stackSet.targets();
  if (targeted === undefined) return undefined;
  const { ous } = await deps.organization.readOuTree();
  const ids = new Map([...ous].map(([path, ou]) => [path, ou.id]));
  return targetChanges(outermostManagedPaths(desired), ids, targeted);
}

/**
 * `spa publish`: the StackSet of the member accounts brought to target the managed OUs, without a redeploy. The
 * new targets are added before the old ones are removed, so that an account moving between them keeps its stack.
 * Without `apply`, only the changes it would make.
 */
export async function syncMemberTargets(
  deps: MemberTargetsDeps,
  input: { desired: Pick<DesiredOrganization, 'organizationalUnits'>; regions: string[]; apply: boolean },
): Promise<MemberTargetsResult> {
  const changes = await compare(deps, input.desired);
  if (!changes) return { deployed: false, changes: NONE, operations: {} };
  const operations: MemberTargetsResult['operations'] = {};
  if (input.apply && changes.add.length > 0)
    operations.add = await deps.stackSet.add(
      changes.add.map((o) => o.id),
      input.regions,
    );
  if (input.apply && changes.remove.length > 0)
    operations.remove = await deps.stackSet.remove(
      changes.remove.map((o) => o.id),
      input.regions,
    );
  return { deployed: true, changes, operations };
}

const FIX_TARGETS = 'npx spa publish --yes (adds and removes the OU targets of the StackSet)';
const named = (o: { id: string; path?: string }) => (o.path ? `${o.path} (${o.id})` : o.id);

/** `spa doctor`: does the StackSet of the member accounts target exactly the managed OUs? */
export function memberTargetsCheck(
  deps: MemberTargetsDeps,
  input: { stackSetName: string; desired: Pick<DesiredOrganization, 'organizationalUnits'> },
): NamedCheck {
  const id = 'member-stack-set-targets';
  return {
    id,
    run: async (): Promise<DoctorCheck> => {
      const changes = await compare(deps, input.desired);
      if (!changes)
        return {
          id,
          status: 'missing',
          summary: `no StackSet ${input.stackSetName}: the managed OUs get no member stack`,
          fix: 'deploy the stacks: npx cdk deploy --all (infra/README.md, "Deploy the runtime")',
        };
      const problems: string[] = [];
      const fixes: string[] = [];
      if (changes.absent.length > 0) {
        problems.push(`managed OU(s) not in the organization yet: ${changes.absent.join(', ')}`);
        fixes.push(
          `npx spa plan --out plan.json, npx spa apply plan.json (they create them), then ${FIX_TARGETS}`,
        );
      }
      if (changes.add.length > 0)
        problems.push(`managed OU(s) the StackSet does not target: ${changes.add.map(named).join(', ')}`);
      if (changes.remove.length > 0)
        problems.push(
          `OU(s) the StackSet targets, no longer managed: ${changes.remove.map(named).join(', ')}`,
        );
      if (problems.length === 0)
        return {
          id,
          status: 'ok',
          summary: `StackSet ${input.stackSetName} targets the managed OUs: ${changes.kept.map(named).join(', ') || 'none'}`,
        };
      if (fixes.length === 0) fixes.push(FIX_TARGETS);
      return { id, status: 'missing', summary: problems.join('; '), fix: fixes.join('; ') };
    },
  };
}
