import { formatMarker } from '../gitops/markers.js';
import { code, escapeMarkdown } from '../render/markdown-escape.js';
import type { KeptText } from '../ports/exceptions.js';
import type { AccountFacts, ExceptionCase } from './case.js';
import { costSection, type CostsOutcome } from './cost-table.js';
import { humanTitle, stateWords, whatToDo, type SettingsRepository } from './what-to-do.js';

export type { SettingsRepository };

/** GitHub refuses an issue or comment body above 65,536 characters (HTTP 422). */
export const MAX_BODY = 65_536;

/**
 * An issue title is plain text (GitHub renders no Markdown there): control characters go, and it stays short.
 * It says what happened in words: `Budget alert: dan-sandbox has spent 85.12 of 200.00 USD this month`.
 */
export function issueTitle(
  c: ExceptionCase,
  account: AccountFacts | undefined,
  costs?: CostsOutcome,
): string {
  return plain(humanTitle(c, account, costs)).slice(0, 200);
}

/** GitHub mentions no one from an issue title: it is kept as written, but for control characters. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

const MESSAGE = '\u0000message\u0000';

/** The message, every line inert, line breaks kept. */
function messageBlock(message: string): string {
  return message
    .split(/\r?\n/)
    .map((l) => `> ${escapeMarkdown(l)}`)
    .join('\n');
}

/** A body or comment as GitHub gets it, and whether the message had to be cut to fit. */
export interface Rendered {
  text: string;
  cut: boolean;
}

/**
 * Puts the message block in place of its mark in `text`, cut after escaping when the whole would pass GitHub's
 * limit, never inside a character reference; the cut says so, and where the whole text is kept.
 */
function withMessage(text: string, message: string, whole: KeptText | undefined): Rendered {
  const block = messageBlock(message);
  const rest = text.length - MESSAGE.length;
  if (rest + block.length <= MAX_BODY) return { text: text.replace(MESSAGE, () => block), cut: false };
  const note =
    `\n\n(cut: the message has ${message.length} characters` +
    (whole
      ? `; the whole text is ${code(whole.location)}, [open it in the AWS console](${whole.url}))`
      : ')');
  const cut = block.slice(0, Math.max(0, MAX_BODY - rest - note.length)).replace(/&#?\w*$/, '');
  return { text: text.replace(MESSAGE, () => cut + note), cut: true };
}

function happened(c: ExceptionCase): string[] {
  const rows = [`| When | ${escapeMarkdown(c.time)} |`];
  if (c.build)
    rows.push(
      `| Build | ${code(c.build.Project)}${c.build.Id ? ` ${code(c.build.Id)}` : ''}${c.build.Status ? ` ${escapeMarkdown(c.build.Status)}` : ''} |`,
    );
  if (c.transaction)
    rows.push(
      `| Transaction | ${escapeMarkdown(c.transaction.Kind)} ${code(c.transaction.Id)}, since ${escapeMarkdown(c.transaction.Begin)}, deadline ${escapeMarkdown(c.transaction.Deadline)} |`,
    );
  if (c.identity) rows.push(`| Identity | ${code(c.identity)} |`);
  return [`**${escapeMarkdown(c.title)}**`, '', '| | |', '|---|---|', ...rows, '', MESSAGE];
}

function accountTable(a: AccountFacts, mention: string | undefined, c: ExceptionCase): string[] {
  const dash = (v: string | undefined) => (v ? escapeMarkdown(v) : '-');
  return [
    '| Account | |',
    '|---|---|',
    `| Name | ${escapeMarkdown(a.name)} |`,
    `| Id | ${code(a.id)} |`,
    `| Email | ${escapeMarkdown(a.email)} |`,
    `| Holder | ${dash(a.holder)}${mention ? ` (@${mention})` : ''} |`,
    `| Cost center | ${dash(a.costCenter)} |`,
    `| Organizational unit | ${a.ouPath ? escapeMarkdown(a.ouPath) : '(root)'} |`,
    `| State | ${(a.state ?? c.state) ? escapeMarkdown(stateWords((a.state ?? c.state)!)) : '-'} |`,
  ];
}

/**
 * The body of a new issue: the hidden marker (account, kind, month), the account, what happened, and its costs.
 * `mention` is the holder's GitHub login from settings.yaml githubLogins: the only mention ever written.
 */
export function issueBody(input: IssueInput): string {
  return renderIssueBody(input).text;
}

export interface IssueInput {
  c: ExceptionCase;
  account: AccountFacts | undefined;
  month: string;
  mention: string | undefined;
  costs: CostsOutcome | undefined;
  environment: string;
  /** Where the holder changes the account's settings (the budget). */
  repo: SettingsRepository;
  /** Where the whole message is kept, when the body cannot hold it. */
  whole?: KeptText | undefined;
}

/** The body of a new issue, and whether its message was cut to fit GitHub's limit. */
export function renderIssueBody(input: IssueInput): Rendered {
  const { c, account } = input;
  const marker = formatMarker({
    kind: 'exception',
    account: c.accountId ?? 'none',
    label: c.label,
    month: input.month,
  });
  const text = [
    marker,
    `## ${c.label}`,
    '',
    ...(account
      ? accountTable(account, input.mention, c)
      : [`No account of the organization: ${c.accountId ? code(c.accountId) : 'the message names none'}.`]),
    '',
    '### What to do',
    '',
    ...whatToDo(c, account, input.repo),
    '',
    '### What happened',
    '',
    ...happened(c),
    '',
    ...(input.costs ? [costSection(input.costs, account?.budget), ''] : []),
    `Environment ${code(input.environment)}. A repeat of this exception comments here; the runtime closes the issue when its cause is gone.`,
  ].join('\n');
  return withMessage(text, c.message, input.whole);
}

/** The comment of a repeat on the open issue, and whether its message was cut to fit GitHub's limit. */
export function repeatComment(c: ExceptionCase, whole?: KeptText): Rendered {
  return withMessage(['Again:', '', ...happened(c)].join('\n'), c.message, whole);
}

export function releasedComment(time: string): string {
  return `The account was released${time ? ` at ${escapeMarkdown(time)}` : ''}: its preparation, on-boarding or maintenance is behind it. Closed by the runtime.`;
}

export function newMonthComment(month: string): string {
  return `A new month began (${escapeMarkdown(month)}): the budget counts from zero again. Closed by the runtime.`;
}
