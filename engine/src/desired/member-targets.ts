import type { DesiredOrganization } from './types.js';

/**
 * The OUs that the StackSet of the member accounts targets: the outermost managed OUs, by path. A StackSet that
 * targets an OU reaches the accounts of every OU below it, so a managed OU inside another is not targeted itself.
 */
export function outermostManagedPaths(desired: Pick<DesiredOrganization, 'organizationalUnits'>): string[] {
  const managed = new Set(desired.organizationalUnits.filter((o) => o.managed).map((o) => o.path));
  return [...managed].filter((path) => {
    const slash = path.lastIndexOf('/');
    return slash < 0 || !managed.has(path.slice(0, slash));
  });
}

/** The regions of the member stacks: the runtime's first (the others need its roles), us-east-1, Identity Center's. */
export function memberStackSetRegions(runtimeRegion: string, identityCenterRegion?: string): string[] {
  return [...new Set([runtimeRegion, 'us-east-1', ...(identityCenterRegion ? [identityCenterRegion] : [])])];
}

export interface TargetedOu {
  path: string;
  id: string;
}

/** What brings the StackSet's OU targets in step with the managed OUs. */
export interface TargetChanges {
  /** Managed OUs the StackSet does not target yet. */
  add: TargetedOu[];
  /** OU ids the StackSet targets that are no longer managed (path when the OU still exists). */
  remove: { id: string; path?: string }[];
  /** Managed OUs the StackSet already targets. */
  kept: TargetedOu[];
  /** Managed OUs that do not exist yet in the organization (spa apply creates them). */
  absent: string[];
}

/**
 * The targets to add and to remove: `managed` are the outermost managed OU paths, `ous` the OU ids of the
 * organization by path, `targeted` the OU ids the StackSet targets now.
 */
export function targetChanges(
  managed: readonly string[],
  ous: ReadonlyMap<string, string>,
  targeted: readonly string[],
): TargetChanges {
  const now = new Set(targeted);
  const pathOf = new Map([...ous].map(([path, id]) => [id, path]));
  const wanted: TargetedOu[] = [];
  const absent: string[] = [];
  for (const path of [...managed].sort()) {
    const id = ous.get(path);
    if (id === undefined) absent.push(path);
    else wanted.push({ path, id });
  }
  const wantedIds = new Set(wanted.map((w) => w.id));
  return {
    add: wanted.filter((w) => !now.has(w.id)),
    remove: [...now]
      .filter((id) => !wantedIds.has(id))
      .sort()
      .map((id) => (pathOf.has(id) ? { id, path: pathOf.get(id)! } : { id })),
    kept: wanted.filter((w) => now.has(w.id)),
    absent,
  };
}
