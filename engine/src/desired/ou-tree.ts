import { DEFAULT_PROVENANCE, type Sourced } from '../domain/source.js';
import type { Level } from './types.js';

/** The OU paths from the outermost to the given one: Sandbox/Personal -> [Sandbox, Sandbox/Personal]. */
export function ouChain(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** What one OU file gives the OUs below it, each value with the file and line that set it. */
export interface OuNode {
  file: string;
  managed?: Sourced<boolean> | undefined;
  maintenanceWindow?: Sourced<string> | undefined;
  /** The policies it attaches, after its parent's unless `inherit` is false. */
  serviceControlPolicies?: { inherit: boolean; attach: readonly Sourced<string>[] } | undefined;
  /** Its level of the precedence chain of account settings, once compiled. */
  level?: Level | undefined;
}

/** The OU tree as effectiveOu reads it: the OU file of a path, and settings.yaml's maintenance window. */
export interface OuTree {
  node(path: string): OuNode | undefined;
  maintenanceWindow?: Sourced<string> | undefined;
}

/** The settings of an OU path once every OU file on it is applied, with where each was set. */
export interface EffectiveOu {
  path: string;
  /** The OUs with a file on the path, outer to inner (the path itself included). */
  files: string[];
  /** The nearest explicit `managed` on the path, inner first; false (by default) when none. */
  managed: Sourced<boolean>;
  /** settings.yaml's, replaced by each OU file on the path, outer to inner. */
  maintenanceWindow: Sourced<string> | undefined;
  /** Each name once, from the outermost file that attaches it, up to the nearest `inherit: false`. */
  serviceControlPolicies: Sourced<string>[];
  /** The OU levels of the precedence chain of account settings, outer to inner. */
  levels: Level[];
}

/** The one walk of an OU path: what its OU files and settings.yaml make of managed, window, policies and levels. */
export function effectiveOu(tree: OuTree, path: string): EffectiveOu {
  const out: EffectiveOu = {
    path,
    files: [],
    managed: { value: false, source: DEFAULT_PROVENANCE },
    maintenanceWindow: tree.maintenanceWindow,
    serviceControlPolicies: [],
    levels: [],
  };
  const nodes = ouChain(path).flatMap((p) => {
    const node = tree.node(p);
    return node ? [{ path: p, node }] : [];
  });
  const inheritsFrom = nodes.findLastIndex(({ node }) => node.serviceControlPolicies?.inherit === false);
  nodes.forEach(({ path: p, node }, i) => {
    out.files.push(p);
    if (node.managed !== undefined) out.managed = node.managed;
    if (node.maintenanceWindow !== undefined) out.maintenanceWindow = node.maintenanceWindow;
    if (node.level) out.levels.push(node.level);
    if (i < inheritsFrom) return;
    for (const ref of node.serviceControlPolicies?.attach ?? [])
      if (!out.serviceControlPolicies.some((r) => r.value === ref.value))
        out.serviceControlPolicies.push(ref);
  });
  return out;
}
