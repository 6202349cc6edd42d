import type { ResolvedSettings } from '../domain/model.js';
import type { ObservedBudget, ObservedOrganization } from '../observed/types.js';
import type { Change, Finding } from './types.js';

/** What every step of plan building reads, and the lists it appends to. */
export interface PlanContext {
  settings: ResolvedSettings;
  /** Provenance of settings.yaml values (tag policy mode, alert topic). */
  settingsFile: string;
  reserved: { state: string; holder: string };
  observed: ObservedOrganization;
  budgets: Map<string, ObservedBudget>;
  changes: Change[];
  findings: Finding[];
}

export function budgetName(settings: Pick<ResolvedSettings, 'environment'>, accountId: string): string {
  return `${settings.environment}-${accountId}`;
}
