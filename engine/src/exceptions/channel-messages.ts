import type { AccountFacts, ExceptionCase } from './case.js';

/** The short message of a channel: the title, the account, a link to the issue. */
export interface ShortMessage {
  title: string;
  account: string;
  issueUrl: string;
  /** opened, or again (a comment on the open issue). */
  what: 'opened' | 'again';
}

export function shortMessage(
  c: ExceptionCase,
  account: AccountFacts | undefined,
  issueUrl: string,
  what: ShortMessage['what'],
): ShortMessage {
  return {
    title: c.label,
    account: account ? `${account.name} (${account.id})` : (c.accountId ?? 'no account'),
    issueUrl,
    what,
  };
}

const line = (m: ShortMessage) => `${m.what === 'again' ? 'Again: ' : ''}${m.title} on ${m.account}`;

/**
 * Microsoft Teams (incoming webhook, Workflows): an Adaptive Card. Its texts are text runs of rich text blocks,
 * which Teams shows as they are (no Markdown, no HTML), with the links and mentions of names from AWS made inert.
 */
export function teamsCard(m: ShortMessage): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'RichTextBlock',
              inlines: [{ type: 'TextRun', text: teamsText(line(m)), weight: 'Bolder' }],
            },
            {
              type: 'RichTextBlock',
              inlines: [{ type: 'TextRun', text: teamsText(`Account: ${m.account}`) }],
            },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open the issue', url: m.issueUrl }],
        },
      },
    ],
  };
}

/** The text of a Teams text run: plain, with no link nor mention that a client could find in it. */
function teamsText(text: string): string {
  return inertLinks(text);
}

/**
 * Breaks what a chat client turns into a link or a mention by itself (a bare https://..., a domain name, an
 * address, @here) with an invisible zero-width space after each `:`, `.` and `@` that a word follows.
 */
function inertLinks(text: string): string {
  return text.replace(/([:.@])(?=[^\s\u200b])/g, '$1\u200b');
}

/**
 * Slack (incoming webhook): Block Kit, mrkdwn escaped as Slack asks (&, <, >), no mention nor link can form: not
 * from <...>, nor from a bare URL, domain name or @ in a name (Slack links those by itself).
 */
export function slackBlocks(m: ShortMessage): unknown {
  const text = slackText(line(m));
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${text}*` } },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the issue' }, url: m.issueUrl }],
      },
    ],
  };
}

function slackText(text: string): string {
  return inertLinks(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => `\u200b${c}\u200b`);
}

/** Email: plain text only, so that nothing in a name is markup. */
export function emailMessage(m: ShortMessage): { subject: string; text: string } {
  // eslint-disable-next-line no-control-regex
  const subject = `[SPA] ${line(m)}`.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200);
  return { subject, text: `${line(m)}\n\nAccount: ${m.account}\nIssue: ${m.issueUrl}\n` };
}
