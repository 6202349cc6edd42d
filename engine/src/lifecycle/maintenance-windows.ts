import { nearestOu, type DesiredIndex } from '../desired/index-of.js';
import { ouChain } from '../desired/ou-tree.js';

/**
 * The effective maintenance window of an OU of AWS: settings.yaml's, replaced by each OU file on its path, outer
 * to inner (an OU without a file takes the window of the nearest OU with one).
 */
export function windowOfOu(index: DesiredIndex, ouPath: string): string | undefined {
  let window = index.desired.settings.maintenanceWindow?.value;
  const nearest = nearestOu(index, ouPath);
  if (!nearest) return undefined;
  for (const path of ouChain(nearest.path)) {
    const own = index.ous.get(path)?.level.fields.maintenanceWindow;
    if (own !== undefined) window = own;
  }
  return window;
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
