/**
 * Values that look like secrets. Settings live in git, read by everyone with access to the repository:
 * webhook URLs, tokens and keys belong in AWS Secrets Manager or GitHub secrets, named from the settings.
 */
const PATTERNS: { name: string; pattern: RegExp }[] = [
  {
    name: 'a Microsoft Teams webhook URL',
    pattern: /https?:\/\/[^\s]*\.(webhook\.office\.com|logic\.azure\.com)/i,
  },
  { name: 'a Slack webhook URL', pattern: /https?:\/\/hooks\.slack\.com\//i },
  { name: 'a webhook URL', pattern: /https?:\/\/[^\s]*\/(webhooks?|hooks)\/[^\s]+/i },
  { name: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { name: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/ },
  { name: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a URL with a password', pattern: /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
];

/** Says what kind of secret a value looks like, or undefined. */
export function looksLikeSecret(value: string): string | undefined {
  for (const { name, pattern } of PATTERNS) if (pattern.test(value)) return name;
  return undefined;
}
