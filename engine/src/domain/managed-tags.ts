/**
 * The tags that mark what an environment of SPA manages: every account, OU and service control policy the
 * settings manage carries them, and the apply role's writes in AWS Organizations are conditioned on them
 * (infra/iam/spa-apply-policy.json). The engine writes them; no settings file may set them.
 */
export const MANAGED_BY = 'managed-by';
export const SPA_ENVIRONMENT = 'spa-environment';
export const MANAGED_BY_VALUE = 'spa';
export const MANAGED_TAG_KEYS: readonly string[] = [MANAGED_BY, SPA_ENVIRONMENT];

/** Where a plan says the mark comes from. */
export const MANAGED_TAG_SOURCE = { file: '(the engine: what SPA manages)', line: 0 };

/** `managed-by: spa` and `spa-environment: <environment>`. */
export function managedTags(environment: string): Record<string, string> {
  return { [MANAGED_BY]: MANAGED_BY_VALUE, [SPA_ENVIRONMENT]: environment };
}

/** Whether tags say that this environment of SPA manages the resource. */
export function isManagedBy(tags: Record<string, string>, environment: string): boolean {
  return tags[MANAGED_BY] === MANAGED_BY_VALUE && tags[SPA_ENVIRONMENT] === environment;
}

export function isManagedTagKey(key: string): boolean {
  return MANAGED_TAG_KEYS.includes(key);
}

/** Tags without the mark: what a settings file may carry of tags read from AWS or from an earlier SPA. */
export function withoutManagedTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !isManagedTagKey(k)));
}
