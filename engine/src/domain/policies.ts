import { sha256Hex } from './digest.js';
import { isManagedBy, managedTags } from './managed-tags.js';

/** The SCP that AWS attaches to every root, OU and account; the engine never detaches it. */
export const FULL_AWS_ACCESS = 'FullAWSAccess';
/** AWS allows 5 SCPs per root, OU or account, FullAWSAccess included. */
export const MAX_POLICIES_PER_TARGET = 5;
/** AWS counts the characters of an SCP without the whitespace outside strings. */
export const MAX_POLICY_CHARACTERS = 5120;
/** Where the policy documents live in the settings repository. */
export const POLICIES_DIR = 'infra/policies/';

/** The name of a policy of settings.yaml in AWS: `<environment>-<name>`, as budgets are named. */
export function policyAwsName(environment: string, name: string): string {
  return `${environment}-${name}`;
}

/** The tags that tell the policies this engine created for an environment; the others are never touched. */
export function policyTags(environment: string): Record<string, string> {
  return managedTags(environment);
}

/** Whether tags of a policy say that this engine created it for this environment. */
export function isManagedPolicy(tags: Record<string, string>, environment: string): boolean {
  return isManagedBy(tags, environment);
}

/** The settings name of a policy of this environment from its AWS name, or undefined for another name. */
export function policySettingsName(environment: string, awsName: string): string | undefined {
  const prefix = `${environment}-`;
  return awsName.startsWith(prefix) ? awsName.slice(prefix.length) : undefined;
}

/** A policy document as AWS stores and counts it: its JSON without whitespace. Undefined when not JSON. */
export function minifyPolicy(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The digest of a document, for preconditions: the same for any whitespace around the JSON. */
export function policyDigest(content: string): string {
  return sha256Hex(minifyPolicy(content) ?? content);
}

/** AWS's FullAWSAccess, attached to every new OU: detaching a policy is refused while it is not attached. */
export function isFullAwsAccess(policy: { name: string; awsManaged: boolean }): boolean {
  return policy.awsManaged && policy.name === FULL_AWS_ACCESS;
}
