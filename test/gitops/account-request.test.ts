import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  accountFileText,
  parseRequestBody,
  readRequest,
  requestBranch,
  requestPath,
} from '../../engine/src/gitops/account-request.js';

/** The body GitHub writes for the issue form: each label as a heading, `_No response_` for an empty field. */
const body = (answers: Record<string, string>, eol = '\n') =>
  Object.entries(answers)
    .map(([label, value]) => `### ${label}${eol}${eol}${value}`)
    .join(eol + eol);
const REQUIRED = { name: 'alice-sandbox', email: 'alice@example.com', organizationalUnit: 'Sandbox' };
const problemsOf = (answers: Parameters<typeof readRequest>[0]) => {
  const read = readRequest(answers);
  return 'problems' in read ? read.problems : [];
};

describe('the answers of an account request', () => {
  it('are read by label, trimmed, leaving out empty fields and unknown labels', () => {
    const text = body({
      'Account name': '  alice-sandbox  ',
      'Account email': 'alice@example.com',
      'Holder email': '_No response_',
      'Organizational unit': 'Sandbox/Personal',
      'Cost center': '',
      'Monthly budget (USD)': '$ 200',
      Note: 'first line\n\nsecond line',
      Other: 'ignored',
    });
    expect(parseRequestBody(text)).toStrictEqual({
      name: 'alice-sandbox',
      email: 'alice@example.com',
      organizationalUnit: 'Sandbox/Personal',
      budget: '$ 200',
      note: 'first line\n\nsecond line',
    });
  });

  it('read Windows line ends, trailing spaces after a label, and keep the first answer of a label', () => {
    const text =
      body({ 'Account name': 'a', 'Account email': 'a@example.com' }, '\r\n') +
      '\r\n### Account name  \r\n\r\nb';
    expect(parseRequestBody(text)).toEqual({ name: 'a', email: 'a@example.com' });
    expect(parseRequestBody('text before any heading\n#### Account name\n\nx')).toEqual({});
    expect(parseRequestBody('')).toEqual({});
    expect(parseRequestBody('### Account name\r\rold-mac\r### Note\r\rn')).toStrictEqual({
      name: 'old-mac',
      note: 'n',
    });
  });

  it('make a request with the optional fields given, and the budget as a number', () => {
    expect(
      readRequest({
        ...REQUIRED,
        holder: 'h@example.com',
        costCenter: 'CC-1',
        budget: '150.50 usd',
        note: 'n',
      }),
    ).toEqual({
      request: { ...REQUIRED, holder: 'h@example.com', costCenter: 'CC-1', budget: 150.5, note: 'n' },
    });
    expect(readRequest(REQUIRED)).toStrictEqual({ request: REQUIRED });
    expect(readRequest({ ...REQUIRED, budget: '$200' })).toEqual({ request: { ...REQUIRED, budget: 200 } });
  });

  it('name each required field that is missing', () => {
    expect(problemsOf({})).toEqual(
      ['Account name', 'Account email', 'Organizational unit'].map((field) => ({
        field,
        message: 'is required: edit the issue and fill it in',
      })),
    );
  });

  it('refuse a name that is not a safe file and branch name', () => {
    const message =
      'must be 1 to 50 lowercase letters, digits and hyphens, starting and ending with a letter or digit ' +
      '(such as alice-sandbox): edit the issue and change it';
    for (const name of ['Alice', '-alice', 'alice-', '../x', 'a b', 'a'.repeat(51), 'alice\nx'])
      expect(problemsOf({ ...REQUIRED, name }), name).toEqual([{ field: 'Account name', message }]);
    for (const name of ['a', '7', 'a-b', 'a'.repeat(50)])
      expect(problemsOf({ ...REQUIRED, name }), name).toEqual([]);
  });

  it('refuse a budget that is not a positive amount in USD with at most two decimals', () => {
    const problem = {
      field: 'Monthly budget (USD)',
      message: 'must be an amount in USD such as 200 or 150.50: edit the issue and change it',
    };
    for (const budget of [
      '0',
      '0.00',
      'ten',
      '12.345',
      '12345678',
      '-5',
      '1e3',
      '100 EUR',
      '1.',
      '1$2',
      '5USD0',
    ])
      expect(problemsOf({ ...REQUIRED, budget }), budget).toEqual([problem]);
    for (const budget of ['1', '9999999.99', '$ 5', '5 USD', '5USD', '0.5'])
      expect(problemsOf({ ...REQUIRED, budget }), budget).toEqual([]);
  });
});

describe('the account file of a request', () => {
  it('holds the answers as YAML values under the schema line and the issue it comes from', () => {
    const text = accountFileText(
      {
        ...REQUIRED,
        holder: 'h@example.com',
        costCenter: 'CC-1',
        budget: 150.5,
        note: 'a: b\n# not a comment',
      },
      { issue: 12, requester: 'mallory\n<x>' },
    );
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '# yaml-language-server: $schema=../schemas/account.schema.json',
      '# Requested in issue #12 by @malloryx.',
    ]);
    expect(parse(text)).toEqual({
      name: 'alice-sandbox',
      email: 'alice@example.com',
      holder: 'h@example.com',
      organizationalUnit: 'Sandbox',
      costCenter: 'CC-1',
      budget: { amount: 150.5 },
      note: 'a: b\n# not a comment',
    });
    expect(Object.keys(parse(accountFileText(REQUIRED, { issue: 1, requester: 'x' })) as object)).toEqual([
      'name',
      'email',
      'organizationalUnit',
    ]);
  });

  it('keeps a long note on one line', () => {
    const note = 'word '.repeat(60).trim();
    expect(accountFileText({ ...REQUIRED, note }, { issue: 1, requester: 'x' })).toContain(
      `\nnote: ${note}\n`,
    );
  });

  it('keeps a bot login as GitHub writes it', () => {
    expect(accountFileText(REQUIRED, { issue: 3, requester: 'renovate[bot]' })).toContain(
      'by @renovate[bot].\n',
    );
  });

  it('goes to accounts/<name>.yaml on a branch of its issue', () => {
    expect(requestPath({ ...REQUIRED })).toBe('accounts/alice-sandbox.yaml');
    expect(requestBranch(42)).toBe('spa/account-request-42');
  });
});
