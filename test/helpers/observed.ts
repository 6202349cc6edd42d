import { validateSettings } from '../../engine/src/desired/validate.js';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import type { SettingsModel } from '../../engine/src/domain/model.js';
import type {
  ObservedAccount,
  ObservedBudget,
  ObservedOrganization,
  Tags,
} from '../../engine/src/observed/types.js';
import { buildPlan, type PlanInput } from '../../engine/src/plan/build-plan.js';
import type { Plan } from '../../engine/src/plan/types.js';
import { expectValid } from './schema.js';
import { describeDiagnostics, toFiles, type Tree } from './tree.js';

export interface FakeAccount {
  id: string;
  name: string;
  email: string;
  ouPath: string;
  tags?: Tags;
  status?: ObservedAccount['status'];
}

/** The mark of what SpaTest manages, which a settled organization's OUs and accounts carry. */
export const SPA_TEST_MARK: Tags = { 'managed-by': 'spa', 'spa-environment': 'SpaTest' };

/**
 * An observed organization written by hand, for the pure tests of the planner (no AWS involved). Its OUs and
 * accounts carry the mark of what SpaTest manages unless `unmarked`, as SPA leaves them.
 */
export function observedOrganization(spec: {
  managementAccountId?: string;
  unmarked?: boolean;
  ous: string[];
  ouTags?: Record<string, Tags>;
  accounts: FakeAccount[];
  creationsInProgress?: string[];
}): ObservedOrganization {
  const mark = spec.unmarked ? {} : SPA_TEST_MARK;
  const ous = new Map(
    spec.ous.map((path, i) => {
      const slash = path.lastIndexOf('/');
      return [
        path,
        {
          id: `ou-root-${String(i).padStart(8, '0')}`,
          name: path.slice(slash + 1),
          path,
          parentId: 'r-root',
          tags: { ...mark, ...(spec.ouTags?.[path] ?? {}) },
        },
      ];
    }),
  );
  return {
    organizationId: 'o-exampleorg1',
    managementAccountId: spec.managementAccountId ?? '123456789012',
    rootId: 'r-root',
    ous,
    accounts: spec.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      status: a.status ?? 'ACTIVE',
      parentId: a.ouPath ? ous.get(a.ouPath)!.id : 'r-root',
      ouPath: a.ouPath,
      tags: { ...mark, ...(a.tags ?? {}) },
    })),
    creationsInProgress: spec.creationsInProgress ?? [],
  };
}

export function modelOf(tree: Tree): SettingsModel {
  const v = validateSettings(toFiles(tree));
  if (!v.valid || !v.model) throw new Error(`invalid settings:\n${describeDiagnostics(v.diagnostics)}`);
  return v.model;
}

/** The desired organization of a settings tree, as spa compile makes it, at a fixed commit. */
export function desiredOf(tree: Tree): DesiredOrganization {
  const v = validateSettings(toFiles(tree), {
    commit: '0123456789abcdef0123456789abcdef01234567',
    seal: true,
  });
  if (!v.valid || !v.desired) throw new Error(`invalid settings:\n${describeDiagnostics(v.diagnostics)}`);
  return v.desired;
}

/** What else a plan may have read from AWS besides the organization and the budgets. */
export type PlanExtras = Partial<Omit<PlanInput, 'desired' | 'observed' | 'budgets' | 'now'>>;

export function planOf(
  tree: Tree,
  observed: ObservedOrganization,
  budgets: Map<string, ObservedBudget> = new Map(),
  extras: PlanExtras = {},
): Plan {
  const plan = buildPlan({
    desired: desiredOf(tree),
    observed,
    budgets,
    ...extras,
    now: new Date('2026-11-27T12:00:00Z'),
  });
  expectValid('plan.schema.json', plan);
  return plan;
}
