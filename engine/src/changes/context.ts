import { MANAGED_TAG_KEYS } from '../domain/managed-tags.js';
import type { DesiredIndex } from '../desired/index-of.js';
import type { GlobalSettings } from '../desired/types.js';
import type { Change, Finding } from '../domain/plan.js';
import type {
  ObservedBudget,
  ObservedContacts,
  ObservedOrganization,
  ObservedPolicies,
} from '../observed/types.js';
import type { TagPolicyView } from './tags-diff.js';

/** The alternate contacts of one account, or why they could not be read (throttling past every retry...). */
export type ContactsRead = { ok: true; contacts: ObservedContacts } | { ok: false; reason: string };

/** What a plan learnt from the Account Management API; what nothing needed is not asked. */
export interface ObservedAccountApi {
  trustedAccess?: boolean;
  /** By account id: only the accounts whose settings declare or unset contacts. */
  contacts?: Map<string, ContactsRead>;
  /** Accounts whose contacts the settings declare or unset, read or not. */
  contactsWanted?: number;
}

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
