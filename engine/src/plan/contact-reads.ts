import { contactTypesOf } from '../changes/contact-address.js';
import { isManagedPath, settingsForAccount, type DesiredIndex } from '../desired/index-of.js';
import type { ContactType, ObservedOrganization } from '../observed/types.js';

/**
 * The alternate contacts a plan must read, by account id: only the types that the settings of each managed,
 * active account declare or unset. The Account Management API throttles early, so nothing else is read.
 */
export function contactReadsOf(
  index: DesiredIndex,
  observed: ObservedOrganization,
): Map<string, ContactType[]> {
  const out = new Map<string, ContactType[]>();
  const byId = new Map(observed.accounts.map((a) => [a.id, a]));
  const byEmail = new Map(observed.accounts.map((a) => [a.email, a]));
  const claimed = new Set<string>();
  for (const file of index.desired.accounts) {
    const obs = file.id !== undefined ? byId.get(file.id) : byEmail.get(file.email);
    if (!obs) continue;
    claimed.add(obs.id);
    const types = contactTypesOf(file.settings);
    if (obs.status === 'ACTIVE' && !file.settings.closed.value && types.length) out.set(obs.id, types);
  }
  // Accounts without a file take their contacts from their OU chain alone (no CSV column gives contacts).
  const byOu = new Map<string, ContactType[]>();
  for (const obs of observed.accounts) {
    if (claimed.has(obs.id) || obs.id === observed.managementAccountId || obs.status !== 'ACTIVE') continue;
    if (obs.ouPath === '' || !isManagedPath(index, obs.ouPath)) continue;
    let types = byOu.get(obs.ouPath);
    if (!types) {
      types = contactTypesOf(settingsForAccount(index, { ouPath: obs.ouPath }).settings);
      byOu.set(obs.ouPath, types);
    }
    if (types.length) out.set(obs.id, types);
  }
  return out;
}
