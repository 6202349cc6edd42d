import { POLICIES_DIR } from '../domain/policies.js';
import type { ObservedPolicies } from '../observed/types.js';
import type { YamlValue } from './repository.js';

/**
 * The environment's own service control policies as settings: each under its settings name with its document
 * in infra/policies/, and on each OU file the policies AWS has attached to that OU, written only where they
 * differ from what the OU would inherit (then with inherit: false below a parent that has some, so that the
 * list is exactly AWS's).
 */
export function importPolicies(
  policies: ObservedPolicies | undefined,
  ous: Map<string, YamlValue>,
): { settings?: YamlValue; files: Map<string, string> } {
  const files = new Map<string, string>();
  if (!policies?.managed.size) return { files };
  const settings: YamlValue = {};
  const nameOf = new Map<string, string>();
  for (const [name, p] of [...policies.managed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    nameOf.set(p.id, name);
    files.set(`${name}.json`, `${JSON.stringify(JSON.parse(p.content), null, 2)}\n`);
    settings[name] = {
      file: `${POLICIES_DIR}${name}.json`,
      ...(p.description ? { description: p.description } : {}),
    };
  }
  const effective = new Map<string, string[]>();
  for (const path of [...ous.keys()].sort()) {
    const own = (policies.attached.get(path) ?? []).flatMap((p) => nameOf.get(p.id) ?? []).sort();
    const parent = path.includes('/') ? effective.get(path.slice(0, path.lastIndexOf('/'))) : undefined;
    effective.set(path, own);
    if (JSON.stringify(own) === JSON.stringify(parent ?? [])) continue;
    ous.get(path)!.serviceControlPolicies = parent?.length
      ? { attach: own, inherit: false }
      : { attach: own };
  }
  return { settings, files };
}
