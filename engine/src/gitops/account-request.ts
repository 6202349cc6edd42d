import { Document } from 'yaml';

/**
 * An account request: the GitHub issue form `.github/ISSUE_TEMPLATE/request-account.yml`, read back from the
 * issue's body, and the account file it asks for. Everything in it is untrusted text typed by anyone who can open
 * an issue: it is checked here before it names a file or a branch, and the file it becomes is validated by the
 * engine like any other settings file before a pull request is opened.
 */

/** The form's fields, by the label GitHub writes as a `### ` heading above each answer in the issue's body. */
export const REQUEST_FIELDS = {
  name: 'Account name',
  email: 'Account email',
  holder: 'Holder email',
  organizationalUnit: 'Organizational unit',
  costCenter: 'Cost center',
  budget: 'Monthly budget (USD)',
  note: 'Note',
} as const;

export type RequestField = keyof typeof REQUEST_FIELDS;

/** What GitHub writes for an optional field left empty. */
const NO_RESPONSE = '_No response_';

/** An account name that is also a safe file and branch name: lowercase letters, digits and inner hyphens. */
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

export interface AccountRequest {
  name: string;
  email: string;
  holder?: string;
  organizationalUnit: string;
  costCenter?: string;
  budget?: number;
  note?: string;
}

/** A problem with the request's answers, before any file exists: the field and what to write instead. */
export interface RequestProblem {
  field: string;
  message: string;
}

/** The answers of the form, by field; a field left empty or missing is absent. */
export function parseRequestBody(body: string): Partial<Record<RequestField, string>> {
  const byLabel = new Map<string, string>();
  let label: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (label !== undefined && !byLabel.has(label)) byLabel.set(label, lines.join('\n').trim());
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^### (.+?)\s*$/.exec(line);
    if (heading) {
      flush();
      label = heading[1];
      lines = [];
    } else lines.push(line);
  }
  flush();
  const out: Partial<Record<RequestField, string>> = {};
  for (const [field, text] of Object.entries(REQUEST_FIELDS) as [RequestField, string][]) {
    const value = byLabel.get(text);
    if (value !== undefined && value !== '' && value !== NO_RESPONSE) out[field] = value;
  }
  return out;
}

/**
 * The request, or what is wrong with it. Only the name needs a rule of its own here (it names the file and the
 * branch); every other value goes into the account file as a YAML string, where the engine's validation judges
 * it with the file, line and column of the file.
 */
export function readRequest(
  answers: Partial<Record<RequestField, string>>,
): { request: AccountRequest } | { problems: RequestProblem[] } {
  const problems: RequestProblem[] = [];
  const required = (field: RequestField) => {
    const value = answers[field];
    if (value === undefined)
      problems.push({ field: REQUEST_FIELDS[field], message: 'is required: edit the issue and fill it in' });
    return value ?? '';
  };
  const name = required('name');
  const email = required('email');
  const organizationalUnit = required('organizationalUnit');
  if (name && !NAME.test(name))
    problems.push({
      field: REQUEST_FIELDS.name,
      message:
        'must be 1 to 50 lowercase letters, digits and hyphens, starting and ending with a letter or digit ' +
        '(such as alice-sandbox): edit the issue and change it',
    });
  let budget: number | undefined;
  if (answers.budget !== undefined) {
    const text = answers.budget.replace(/^\$\s*/, '').replace(/\s*USD$/i, '');
    budget = /^\d{1,7}(\.\d{1,2})?$/.test(text) ? Number(text) : undefined;
    if (budget === undefined || budget <= 0)
      problems.push({
        field: REQUEST_FIELDS.budget,
        message: 'must be an amount in USD such as 200 or 150.50: edit the issue and change it',
      });
  }
  if (problems.length > 0) return { problems };
  const optional = (field: RequestField) =>
    answers[field] !== undefined ? { [field]: answers[field] } : ({} as Record<string, never>);
  return {
    request: {
      name,
      email,
      organizationalUnit,
      ...optional('holder'),
      ...optional('costCenter'),
      ...optional('note'),
      ...(budget !== undefined ? { budget } : {}),
    },
  };
}

/** Where the requested account's file goes. */
export function requestPath(request: AccountRequest): string {
  return `accounts/${request.name}.yaml`;
}

/**
 * The account file, with the schema line every settings file starts with and a comment naming the issue. Values
 * are YAML scalars written by the `yaml` library: whatever they hold, they stay values.
 */
export function accountFileText(
  request: AccountRequest,
  origin: { issue: number; requester: string },
): string {
  const doc = new Document({
    name: request.name,
    email: request.email,
    ...(request.holder !== undefined ? { holder: request.holder } : {}),
    organizationalUnit: request.organizationalUnit,
    ...(request.costCenter !== undefined ? { costCenter: request.costCenter } : {}),
    ...(request.budget !== undefined ? { budget: { amount: request.budget } } : {}),
    ...(request.note !== undefined ? { note: request.note } : {}),
  });
  const body = doc.toString({ lineWidth: 0 });
  // The login is GitHub's (letters, digits, hyphens, and [bot]): safe in a comment.
  const login = origin.requester.replace(/[^A-Za-z0-9[\]-]/g, '');
  return (
    '# yaml-language-server: $schema=../schemas/account.schema.json\n' +
    `# Requested in issue #${origin.issue} by @${login}.\n` +
    body
  );
}

/** The branch of a request's pull request: one per issue, updated when the issue is edited. */
export function requestBranch(issue: number): string {
  return `spa/account-request-${issue}`;
}
