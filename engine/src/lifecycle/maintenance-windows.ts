import type { DesiredIndex } from '../desired/index-of.js';
import { effectiveOu } from '../desired/ou-tree.js';
import { ouTreeOfDesired } from '../desired/ou-tree-of.js';

/**
 * The effective maintenance window of an OU of AWS (effectiveOu): settings.yaml's, replaced by each OU file on
 * its path, outer to inner. An OU with no OU file on its path is outside the settings: it has none.
 */
export function windowOfOu(index: DesiredIndex, ouPath: string): string | undefined {
  const ou = effectiveOu(ouTreeOfDesired(index.desired.settings, index.ous), ouPath);
  return ou.files.length === 0 ? undefined : ou.maintenanceWindow?.value;
}

/**
 * The distinct windows of the OUs that hold managed accounts (managed OUs, and the OUs of account files), each
 * with the OU files it covers: one schedule per window.
 */
export function maintenanceWindows(index: DesiredIndex): Map<string, string[]> {
  const ous = new Set<string>();
  for (const ou of index.desired.organizationalUnits) if (ou.managed) ous.add(ou.path);
  for (const a of index.desired.accounts) {
    const path = a.settings.organizationalUnit?.value;
    if (path !== undefined && !a.settings.closed.value) ous.add(path);
  }
  const windows = new Map<string, string[]>();
  for (const path of [...ous].sort()) {
    const window = windowOfOu(index, path);
    if (window === undefined) continue;
    windows.set(window, [...(windows.get(window) ?? []), path]);
  }
  return windows;
}
