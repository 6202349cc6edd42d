import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import type { OuEntry, SettingsModel } from '../domain/model.js';
import { FULL_AWS_ACCESS, MAX_POLICIES_PER_TARGET } from '../domain/policies.js';
import type { PositionIndex } from '../domain/source.js';
import { pointerOf } from './pointer.js';
import type { PolicyEntry } from './policy-file.js';
import { siteOf } from './locate.js';
import { suggest } from './message-words.js';

/** A policy name that an OU file lists, and where. */
export interface PolicyRef {
  name: string;
  file: string;
  pointer: string;
  positions: PositionIndex;
}

/**
 * The SCPs the settings attach to an OU: its parent's (unless it says inherit: false), then its own list;
 * each name once, from the outermost file that lists it.
 */
export function effectivePolicies(ous: ReadonlyMap<string, OuEntry>, path: string): PolicyRef[] {
  const ou = ous.get(path);
  const own = ou?.value.serviceControlPolicies;
  const slash = path.lastIndexOf('/');
  const inherited = slash > 0 && own?.inherit !== false ? effectivePolicies(ous, path.slice(0, slash)) : [];
  const out = [...inherited];
  (own?.attach ?? []).forEach((name, i) => {
    if (!out.some((r) => r.name === name))
      out.push({
        name,
        file: ou!.file,
        pointer: pointerOf(['serviceControlPolicies', 'attach', i]),
        positions: ou!.positions,
      });
  });
  return out;
}

/**
 * The checks of service control policies across files: every file settings.yaml names exists, every name an
 * OU lists is defined, and no OU gets more SCPs than AWS allows (FullAWSAccess counted).
 */
export function checkPolicies(
  settings: SettingsModel['settings'] | undefined,
  ous: ReadonlyMap<string, OuEntry>,
  policies: ReadonlyMap<string, PolicyEntry>,
): Diagnostic[] {
  if (!settings) return [];
  const defined = settings.value.serviceControlPolicies ?? {};
  const out: Diagnostic[] = [];
  for (const [name, p] of Object.entries(defined)) {
    if (policies.has(p.file)) continue;
    const pointer = pointerOf(['serviceControlPolicies', name, 'file']);
    out.push(
      diagnostic(siteOf(settings.file, settings.positions, pointer), {
        code: 'policy-file-missing',
        summary: `policy "${name}" names the file ${p.file}, which does not exist`,
        value: p.file,
        allowed: 'a JSON policy document in infra/policies/',
        hint: `create ${p.file}, or correct the path`,
      }),
    );
  }
  const names = Object.keys(defined).sort();
  for (const ou of ous.values()) {
    (ou.value.serviceControlPolicies?.attach ?? []).forEach((name, i) => {
      if (defined[name]) return;
      out.push(unknownPolicy(ou, name, pointerOf(['serviceControlPolicies', 'attach', i]), names));
    });
    const count = effectivePolicies(ous, ou.path).length + 1;
    if (count > MAX_POLICIES_PER_TARGET) out.push(tooMany(ou, ous, count));
  }
  return out;
}

function unknownPolicy(ou: OuEntry, name: string, pointer: string, names: string[]): Diagnostic {
  const guess = suggest(name, names);
  return diagnostic(siteOf(ou.file, ou.positions, pointer), {
    code: 'unknown-policy',
    summary: `service control policy "${name}" is not defined in settings.yaml${guess ? `; did you mean "${guess}"?` : ''}`,
    value: name,
    allowed: names.length
      ? `one of ${names.join(', ')}`
      : 'a policy defined under serviceControlPolicies in settings.yaml',
    hint: guess ? `write "${guess}"` : `define "${name}" under serviceControlPolicies in settings.yaml`,
  });
}

function tooMany(ou: OuEntry, ous: ReadonlyMap<string, OuEntry>, count: number): Diagnostic {
  const list = effectivePolicies(ous, ou.path).map((r) =>
    r.file === ou.file ? r.name : `${r.name} (inherited)`,
  );
  const pointer = ou.value.serviceControlPolicies ? '/serviceControlPolicies' : '';
  return diagnostic(siteOf(ou.file, ou.positions, pointer, true), {
    code: 'too-many-policies',
    summary: `OU ${ou.path} would have ${count} service control policies: ${FULL_AWS_ACCESS}, ${list.join(', ')}`,
    value: count,
    allowed: `at most ${MAX_POLICIES_PER_TARGET} per OU, ${FULL_AWS_ACCESS} included`,
    hint: 'merge some policy documents into one, or set inherit: false and list what this OU needs',
  });
}
