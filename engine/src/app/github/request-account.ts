import { validateSettings } from '../../desired/validate.js';
import {
  accountFileText,
  parseRequestBody,
  readRequest,
  REQUEST_FIELDS,
  requestBranch,
  requestPath,
  type AccountRequest,
  type RequestProblem,
} from '../../gitops/account-request.js';
import { formatMarker } from '../../gitops/markers.js';
import { ownComments, planSticky } from '../../gitops/sticky.js';
import type { Ports } from '../../ports/ports.js';
import { renderDiagnosticsText } from '../../render/diagnostics.js';
import { code, escapeMarkdown } from '../../render/markdown-escape.js';
import { escapeInvisible } from '../../domain/visible-text.js';
import type { GithubPorts } from './deps.js';

/** The label of account request issues: the issue form sets it, and only such issues are read. */
export const REQUEST_LABEL = 'account-request';

/** A GitHub flow's ports, the writers of pull requests and branches, and the settings of the default branch. */
export type RequestAccountPorts = GithubPorts & Pick<Ports, 'pulls' | 'branches' | 'settings'>;

export type RequestOutcome =
  | { outcome: 'not-a-request'; reason: string }
  | { outcome: 'invalid'; issue: number; problems: number }
  | { outcome: 'pull-request'; issue: number; pull: number; branch: 'created' | 'updated' | 'unchanged' };

interface RequestIssue {
  number: number;
  body: string;
  requester: string;
  base: string;
}

/**
 * `spa github request-account`: turns an account request issue into a pull request that adds
 * `accounts/<name>.yaml`, validated by the engine first; the plan workflow then plans it like any other pull
 * request, and only people with write access can merge it. The issue gets one answer, updated when it is edited:
 * the pull request, or what is wrong with the request and how to fix it, with the file, line and column.
 */
export async function requestAccount(deps: RequestAccountPorts): Promise<RequestOutcome> {
  const issue = requestIssue(deps.event.name, deps.event.payload);
  if ('reason' in issue) {
    deps.out.info(`not an account request: ${issue.reason}`);
    return { outcome: 'not-a-request', reason: issue.reason };
  }
  const read = readRequest(parseRequestBody(issue.body));
  if ('problems' in read) {
    await answer(deps, issue.number, problemsText(read.problems));
    return { outcome: 'invalid', issue: issue.number, problems: read.problems.length };
  }
  const request = read.request;
  const path = requestPath(request);
  const files = await deps.settings.files();
  if (files.some((f) => f.path === path)) {
    const problem = {
      field: REQUEST_FIELDS.name,
      message: `${code(request.name)} is taken: ${code(path)} exists already; edit the issue and choose another name`,
    };
    await answer(deps, issue.number, problemsText([problem], false));
    return { outcome: 'invalid', issue: issue.number, problems: 1 };
  }
  const text = accountFileText(request, { issue: issue.number, requester: issue.requester });
  const content = new TextEncoder().encode(text);
  const validation = validateSettings([...files, { path, bytes: content }], { checkOnly: true });
  const errors = validation.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    // The request's own file first: that is what the requester can fix.
    const ordered = [...errors.filter((d) => d.file === path), ...errors.filter((d) => d.file !== path)];
    await answer(deps, issue.number, diagnosticsText(path, text, ordered, validation.lines));
    return { outcome: 'invalid', issue: issue.number, problems: errors.length };
  }
  const branch = requestBranch(issue.number);
  const written = await deps.branches.branchWith(
    branch,
    issue.base,
    [{ path, content }],
    `Add account ${request.name}, requested in #${issue.number}`,
  );
  const pull =
    (await deps.pulls.openPullFrom(branch)) ??
    (await deps.pulls.createPull({
      title: `Add account ${request.name}`,
      body: pullBody(request, issue),
      head: branch,
      base: issue.base,
    }));
  await answer(deps, issue.number, acceptedText(request, path, pull));
  deps.out.info(`account request #${issue.number}: pull request #${pull} (branch ${written.action})`);
  return { outcome: 'pull-request', issue: issue.number, pull, branch: written.action };
}

/** The request issue of the run's event, or why the event is not one. */
function requestIssue(
  name: string,
  payload: Readonly<Record<string, unknown>>,
): RequestIssue | { reason: string } {
  if (name !== 'issues') return { reason: `the event is ${name}, not issues` };
  const issue = payload.issue as Record<string, unknown> | undefined;
  if (!issue || typeof issue.number !== 'number') return { reason: 'the event holds no issue' };
  if (issue.pull_request) return { reason: `#${issue.number} is a pull request` };
  if (issue.state !== 'open') return { reason: `#${issue.number} is closed` };
  const labels = Array.isArray(issue.labels) ? issue.labels : [];
  if (!labels.some((l) => (l as { name?: unknown }).name === REQUEST_LABEL))
    return { reason: `#${issue.number} has no ${REQUEST_LABEL} label` };
  const user = issue.user as { login?: unknown } | undefined;
  const repository = payload.repository as { default_branch?: unknown } | undefined;
  return {
    number: issue.number,
    body: typeof issue.body === 'string' ? issue.body : '',
    requester: typeof user?.login === 'string' ? user.login : '',
    base: typeof repository?.default_branch === 'string' ? repository.default_branch : 'main',
  };
}

/** The workflow's one comment on the issue: created, or updated in place. */
async function answer(deps: RequestAccountPorts, issue: number, text: string): Promise<void> {
  const body = `${formatMarker({ kind: 'request', issue })}\n${text}`;
  const own = ownComments(await deps.repo.listComments(issue), deps.botLogin, 'request');
  for (const op of planSticky(own, [body])) {
    if (op.op === 'create') await deps.repo.createComment(issue, op.body);
    else if (op.op === 'update') await deps.repo.updateComment(op.id, op.body);
    else if (op.op === 'delete') await deps.repo.deleteComment(op.id);
  }
}

function problemsText(problems: readonly RequestProblem[], escape = true): string {
  return [
    '### The account request cannot be turned into a pull request yet',
    '',
    ...problems.map(
      (p) => `- **${escapeMarkdown(p.field)}** ${escape ? escapeMarkdown(p.message) : p.message}`,
    ),
    '',
    'Edit the issue (its `...` menu, then **Edit**): the request is read again when you save it.',
  ].join('\n');
}

/** The engine's diagnostics as `spa validate` prints them, in a code block that no text can close. */
function diagnosticsText(
  path: string,
  text: string,
  errors: Parameters<typeof renderDiagnosticsText>[0]['diagnostics'],
  lines: Map<string, string[]>,
): string {
  const report = renderDiagnosticsText({ diagnostics: errors, lines, fileCount: 1 }, false).trimEnd();
  return [
    `### The account file this request makes is not valid`,
    '',
    `${code(path)} would hold:`,
    '',
    fenced(escapeInvisible(text.trimEnd())),
    '',
    'What `spa validate` says about it (file:line:column, what is allowed, how to fix it):',
    '',
    fenced(report),
    '',
    'Edit the issue (its `...` menu, then **Edit**) to change the answers: the request is read again when you save it.',
  ].join('\n');
}

function acceptedText(request: AccountRequest, path: string, pull: number): string {
  return [
    `### Pull request #${pull} adds ${code(path)}`,
    '',
    `The account ${code(request.name)} is requested in ${code(request.organizationalUnit)}. The plan of the pull ` +
      'request shows what SPA will create; a maintainer with write access reviews and merges it, and the apply ' +
      'workflow then creates the account.',
    '',
    'Editing this issue updates the pull request.',
  ].join('\n');
}

function pullBody(request: AccountRequest, issue: RequestIssue): string {
  return [
    `Adds ${code(requestPath(request))}, as requested in #${issue.number}` +
      (issue.requester ? ` by @${issue.requester.replace(/[^A-Za-z0-9[\]-]/g, '')}` : '') +
      '.',
    '',
    'The file was written from the issue form and validated by `spa validate`; the plan comment below shows what ' +
      'applying it does. Merging closes the request.',
    '',
    `Closes #${issue.number}`,
  ].join('\n');
}

/** A fenced code block whose fence is longer than any run of backticks inside: nothing in it acts. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
