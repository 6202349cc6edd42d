import { MANAGED_TAG_KEYS } from '../domain/managed-tags.js';
import type { DesiredIndex } from '../desired/index-of.js';
import type { GlobalSettings } from '../desired/types.js';
import type { ObservedBudget, ObservedOrganization, ObservedPolicies } from '../observed/types.js';
import type { ObservedAccountApi } from './account-api.js';
import type { TagPolicyView } from './tags-diff.js';
import type { Change, Finding } from './types.js';

/** What every step of plan building reads, and the lists it appends to. */
export interface PlanContext {
  desired: DesiredIndex;
  settings: GlobalSettings;
  observed: ObservedOrganization;
  budgets: Map<string, ObservedBudget>;
  /** What the Account Management API said (trusted access, alternate contacts), when the plan needed it. */
  accountApi?: ObservedAccountApi;
  /** The service control policies, when the plan read them. */
  policies?: ObservedPolicies;
  changes: Change[];
  findings: Finding[];
}

/** The tag policy of the settings, as the tag diff reads it. */
export function tagPolicyOf(settings: GlobalSettings): TagPolicyView {
  return {
    mode: settings.tagPolicy.mode,
    ignore: settings.tagPolicy.ignore,
    reserved: [settings.reservedTags.state, settings.reservedTags.holder, ...MANAGED_TAG_KEYS],
    modeSource: settings.file,
  };
}
