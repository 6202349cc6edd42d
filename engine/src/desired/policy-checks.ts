import { siteOf } from '../config/locate.js';
import { suggest } from '../config/message-words.js';
import { pointerOf } from '../config/pointer.js';
import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import type { OuEntry, SettingsModel } from '../domain/model.js';
import { FULL_AWS_ACCESS, MAX_POLICIES_PER_TARGET } from '../domain/policies.js';
import { effectiveOu, type EffectiveOu } from './ou-tree.js';
import { ouTreeOfModel } from './ou-tree-of.js';

/**
 * The checks of service control policies across files: every file settings.yaml names exists, every name an
 * OU lists is defined, and no OU gets more SCPs than AWS allows (FullAWSAccess counted).
 */
export function checkPolicies(
  settings: SettingsModel['settings'] | undefined,
  ous: ReadonlyMap<string, OuEntry>,
  policies: ReadonlyMap<string, unknown>,
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
  const tree = ouTreeOfModel({ settings, ous }, false);
  for (const ou of ous.values()) {
    (ou.value.serviceControlPolicies?.attach ?? []).forEach((name, i) => {
      if (defined[name]) return;
      out.push(unknownPolicy(ou, name, pointerOf(['serviceControlPolicies', 'attach', i]), names));
    });
    const attached = effectiveOu(tree, ou.path).serviceControlPolicies;
    if (attached.length + 1 > MAX_POLICIES_PER_TARGET) out.push(tooMany(ou, attached));
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

function tooMany(ou: OuEntry, attached: EffectiveOu['serviceControlPolicies']): Diagnostic {
  const count = attached.length + 1;
  const list = attached.map((r) => (r.source.file === ou.file ? r.value : `${r.value} (inherited)`));
  const pointer = ou.value.serviceControlPolicies ? '/serviceControlPolicies' : '';
  return diagnostic(siteOf(ou.file, ou.positions, pointer, true), {
    code: 'too-many-policies',
    summary: `OU ${ou.path} would have ${count} service control policies: ${FULL_AWS_ACCESS}, ${list.join(', ')}`,
    value: count,
    allowed: `at most ${MAX_POLICIES_PER_TARGET} per OU, ${FULL_AWS_ACCESS} included`,
    hint: 'merge some policy documents into one, or set inherit: false and list what this OU needs',
  });
}
