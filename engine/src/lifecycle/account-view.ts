import type { EffectiveSettings } from '../domain/model.js';
import type { AccountRecord } from './states.js';

/** An account as the operators' commands see it: AWS (place, tags), the settings, and the runtime's record. */
export interface AccountView {
  id: string;
  name: string;
  email: string;
  ouPath: string;
  status: string;
  tags: Record<string, string>;
  /** Undefined for an account SPA does not manage. */
  settings: EffectiveSettings | undefined;
  record: AccountRecord | undefined;
}

/** Accounts below `ouPath` (itself included), or every account. */
export function inOu(view: AccountView, ouPath: string | undefined): boolean {
  return ouPath === undefined || view.ouPath === ouPath || view.ouPath.startsWith(`${ouPath}/`);
}
