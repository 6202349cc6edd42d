import { canonicalDigest } from '../domain/digest.js';
import type { SourceFile } from '../domain/source.js';
import { fileDigests, settingsDigestOf } from '../desired/compile.js';
import type { Plan } from './types.js';

/**
 * The digest of everything apply acts on: the plan's identity (environment, organization, settings digest), the
 * guards' inputs, the findings that block it, and every field of every change, in canonical JSON (RFC 8785).
 * Two plans of the same changes, made from the same settings against the same organization, share it.
 */
export function planDigest(
  plan: Pick<
    Plan,
    'environment' | 'organizationId' | 'managementAccountId' | 'git' | 'guards' | 'changes' | 'findings'
  >,
): string {
  return canonicalDigest({
    environment: plan.environment,
    organizationId: plan.organizationId,
    managementAccountId: plan.managementAccountId,
    settingsDigest: plan.git.settingsDigest,
    guards: plan.guards,
    blocking: plan.findings.filter((f) => f.severity === 'error'),
    changes: [...plan.changes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  });
}

/** The digest of the settings files read: each path with the digest of its bytes. */
export function settingsDigest(files: readonly SourceFile[]): string {
  return settingsDigestOf(fileDigests(files));
}
