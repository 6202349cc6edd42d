/**
 * Values that look like secrets. Settings live in git, read by everyone with access to the repository:
 * webhook URLs, tokens and keys belong in AWS Secrets Manager or GitHub secrets, named from the settings.
 *
 * Validation runs on pull requests from anyone, so every check is linear in the length of the value: the
 * regular expressions below have no quantified part that can be retried from many starting points, and the
 * URL checks scan the value once per "://" instead of backtracking over it.
 */
const TOKENS: { name: string; pattern: RegExp }[] = [
  { name: 'a Slack webhook URL', pattern: /https?:\/\/hooks\.slack\.com\//i },
  // Each of these succeeds as soon as the bounded run is long enough, and fails within that bound.
  { name: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10}/ },
  { name: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{30}|github_pat_[A-Za-z0-9_]{20})/ },
  { name: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
];

const WEBHOOK_HOSTS = ['.webhook.office.com', '.logic.azure.com'];
const WEBHOOK_PATHS = ['/webhook/', '/webhooks/', '/hooks/'];

/** Says what kind of secret a value looks like, or undefined. */
export function looksLikeSecret(value: string): string | undefined {
  if (value.includes('://')) {
    const url = urlSecret(value);
    if (url) return url;
  }
  for (const { name, pattern } of TOKENS) if (pattern.test(value)) return name;
  if (hasPrivateKey(value)) return 'a private key';
  return undefined;
}

/** Webhook URLs and URLs with a password, one whitespace-separated word at a time. */
function urlSecret(value: string): string | undefined {
  let passwordUrl = false;
  for (const word of value.split(/\s+/)) {
    const at = word.indexOf('://');
    if (at < 0) continue;
    const lower = word.toLowerCase();
    const http = firstHttp(lower);
    if (http >= 0) {
      if (WEBHOOK_HOSTS.some((host) => lower.includes(host, http))) return 'a Microsoft Teams webhook URL';
      if (WEBHOOK_PATHS.some((path) => hasTextAfter(lower, path, http))) return 'a webhook URL';
    }
    passwordUrl ||= hasPassword(word, at);
  }
  return passwordUrl ? 'a URL with a password' : undefined;
}

/** Where the first "http://" or "https://" of a lowercase word ends, or -1. */
function firstHttp(lower: string): number {
  const ends = ['http://', 'https://']
    .map((prefix) => {
      const i = lower.indexOf(prefix);
      return i < 0 ? -1 : i + prefix.length;
    })
    .filter((i) => i >= 0);
  return ends.length === 0 ? -1 : Math.min(...ends);
}

/** `needle` occurs at or after `from`, followed by at least one more character. */
function hasTextAfter(lower: string, needle: string, from: number): boolean {
  const i = lower.indexOf(needle, from);
  return i >= 0 && i + needle.length < lower.length;
}

const SCHEME = /[a-z0-9+.-]/i;
const LETTER = /[a-z]/i;

/**
 * `scheme://user:password@host`: for each "://" of the word, the scheme before it (letters, digits, + . -,
 * with a letter) and the user information after it (up to the first / or @). Each scan stops at the next
 * ":" or "/", so the whole word is read a bounded number of times.
 */
function hasPassword(word: string, first: number): boolean {
  for (let at = first; at >= 0; at = word.indexOf('://', at + 3)) {
    let scheme = false;
    for (let i = at - 1; i >= 0 && SCHEME.test(word[i]!); i--) scheme ||= LETTER.test(word[i]!);
    if (!scheme) continue;
    const start = at + 3;
    let colon = -1;
    let end = start;
    while (end < word.length && word[end] !== '/' && word[end] !== '@') {
      if (word[end] === ':' && colon < 0) colon = end;
      end++;
    }
    if (word[end] === '@' && colon > start && end > colon + 1) return true;
  }
  return false;
}

/** "-----BEGIN <words> PRIVATE KEY-----": the words are capitals and spaces. */
function hasPrivateKey(value: string): boolean {
  const begin = '-----BEGIN ';
  for (let at = value.indexOf(begin); at >= 0; at = value.indexOf(begin, at + 1)) {
    let end = at + begin.length;
    while (end < value.length && /[A-Z ]/.test(value[end]!)) end++;
    if (value.slice(at + begin.length, end).endsWith('PRIVATE KEY') && value.startsWith('-----', end))
      return true;
  }
  return false;
}
