import { parse } from 'yaml';

/** The only paths a policy document may have: a JSON file directly in infra/policies/ (the schema says so too). */
const POLICY_FILE = /^infra\/policies\/[A-Za-z0-9._-]+\.json$/;

/**
 * The policy documents that settings.yaml names (serviceControlPolicies.<name>.file), for the reader of the
 * settings tree: only these files of infra/policies/ are settings. Paths of another form are left to the
 * schema's diagnostics, never read. An unreadable settings.yaml names none (its own diagnostics say why).
 */
export function namedPolicyFiles(settingsYaml: Uint8Array | undefined): string[] {
  if (!settingsYaml) return [];
  let value: unknown;
  try {
    value = parse(new TextDecoder().decode(settingsYaml), { maxAliasCount: 50 });
  } catch {
    return [];
  }
  const policies = (value as { serviceControlPolicies?: unknown } | null)?.serviceControlPolicies;
  if (!policies || typeof policies !== 'object') return [];
  const files = Object.values(policies as Record<string, unknown>).map(
    (p) => (p as { file?: unknown })?.file,
  );
  return [...new Set(files.filter((f): f is string => typeof f === 'string' && POLICY_FILE.test(f)))].sort();
}
