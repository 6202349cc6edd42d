import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeSecret } from '../../engine/src/config/secrets.js';
import { validateSettings } from '../../engine/src/desired/validate.js';
import { minimalTree, toFiles } from '../helpers/tree.js';

/**
 * The patterns the detector had when it used backtracking regular expressions: on short values they are quick,
 * and the linear detector must give the same answer.
 */
const REFERENCE: { name: string; pattern: RegExp }[] = [
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

const isSecret = (value: string) => REFERENCE.some(({ pattern }) => pattern.test(value));

const pieces = [
  'http',
  'https',
  '://',
  ':',
  '/',
  '@',
  ' ',
  '\n',
  '.',
  'a',
  'Z',
  '9',
  '+',
  '-',
  'hooks/',
  'webhooks/',
  'webhook/',
  '.webhook.office.com',
  '.logic.azure.com',
  'hooks.slack.com/',
  'HTTPS://',
  'user:pass@',
  'xoxb-',
  'ghp_',
  'AKIA',
  '-----BEGIN ',
  'RSA ',
  'PRIVATE KEY',
  '-----',
];

describe('the secret detector', () => {
  it('finds each kind of secret', () => {
    expect(looksLikeSecret('https://acme.webhook.office.com/webhookb2/x')).toBe(
      'a Microsoft Teams webhook URL',
    );
    expect(looksLikeSecret('see https://hooks.slack.com/services/T0/B0/X')).toBe('a Slack webhook URL');
    expect(looksLikeSecret('https://example.com/api/webhooks/123')).toBe('a webhook URL');
    expect(looksLikeSecret('xoxb-123456789012-abcdef')).toBe('a Slack token');
    expect(looksLikeSecret(`ghp_${'a'.repeat(36)}`)).toBe('a GitHub token');
    expect(looksLikeSecret('AKIAIOSFODNN7EXAMPLE')).toBe('an AWS access key id');
    expect(looksLikeSecret('-----BEGIN RSA PRIVATE KEY-----\nMIIE')).toBe('a private key');
    expect(looksLikeSecret('postgres://admin:s3cret@db.example.com/x')).toBe('a URL with a password');
  });

  it('leaves ordinary values alone', () => {
    for (const value of [
      'CC-TRAINING',
      'https://example.com/docs',
      'mailto:alice@example.com',
      'https://user@example.com/',
      'spa/teams/sre',
      '-----BEGIN PUBLIC KEY-----',
    ])
      expect(looksLikeSecret(value), value).toBeUndefined();
  });

  it('says a value is a secret exactly when the former regular expressions did', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (parts) => {
        const value = parts.join('');
        expect(looksLikeSecret(value) !== undefined, JSON.stringify(value)).toBe(isSecret(value));
      }),
      { numRuns: 20_000, seed: 20261128 },
    );
  });
});

describe('a settings value of a megabyte', () => {
  const megabyte = 1_000_000;
  const validate = (value: string, note: string) =>
    validateSettings(
      toFiles(
        minimalTree({
          ous: { Sandbox: {} },
          accounts: { alice: { organizationalUnit: 'Sandbox', tags: { project: value } } },
          csv: { 'notes.csv': `Account,Note\nalice@example.com,${note}\n` },
        }),
      ),
    ).diagnostics;

  it('is checked without taking the validation down, and no secret is seen where there is none', () => {
    const diagnostics = validate('a'.repeat(megabyte), 'https://'.repeat(megabyte / 8));
    const codes = diagnostics.map((d) => `${d.file} ${d.code}`);
    expect(codes).toContain('accounts/alice.yaml tag-value-too-long');
    expect(codes).toContain('tags-csv/notes.csv too-long');
    expect(codes.filter((c) => c.includes('secret-in-settings'))).toEqual([]);
  });

  it('still shows a secret hidden at its end', () => {
    const diagnostics = validate(
      `${'a'.repeat(megabyte)}:${'b'.repeat(10)}://user:password@host`,
      `${'http://x/'.repeat(megabyte / 9)} https://acme.webhook.office.com/webhookb2/x`,
    );
    const secrets = diagnostics.filter((d) => d.code === 'secret-in-settings');
    expect(secrets.map((d) => `${d.file} ${d.summary.split(';')[0]}`)).toEqual([
      'accounts/alice.yaml this value looks like a URL with a password',
      'tags-csv/notes.csv this value looks like a Microsoft Teams webhook URL',
    ]);
  });
});
