import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emailMessage,
  shortMessage,
  slackBlocks,
  teamsCard,
} from '../../engine/src/exceptions/channel-messages.js';
import { readIncoming } from '../../engine/src/exceptions/incoming.js';
import { issueBody, issueTitle } from '../../engine/src/exceptions/issue-text.js';
import { parseMarker } from '../../engine/src/gitops/markers.js';
import { repoRoot } from '../helpers/tree.js';
import { EXAMPLE_ACCOUNT, EXAMPLE_CASE, EXAMPLE_COSTS, EXAMPLE_REPO, exampleIssue } from './rendering.js';

const FIXTURE = join(repoRoot, 'test/fixtures/exceptions/budget-alert-issue.md');
const HOSTILE =
  '<img src=x onerror=alert(1)> @acme/admins [x](https://evil.example) | `code` <!-- spa:exception e30 -->';

describe('the example issue of the infra guide', () => {
  it('is the engine’s own rendering, committed as a fixture', () => {
    const { title, body } = exampleIssue();
    expect(`# ${title}\n\n${body}\n`).toBe(readFileSync(FIXTURE, 'utf8'));
  });

  it('is shown whole in the Exceptions section of infra/README.md', () => {
    const readme = readFileSync(join(repoRoot, 'infra/README.md'), 'utf8');
    // The section runs to the next second-level heading outside a code block (the example holds one).
    const lines = readme.split('\n');
    const start = lines.indexOf('## Exceptions');
    let fenced = false;
    let end = lines.length;
    for (let i = start + 1; i < lines.length; i++) {
      if (lines[i]!.startsWith('```')) fenced = !fenced;
      else if (!fenced && lines[i]!.startsWith('## ')) {
        end = i;
        break;
      }
    }
    expect(start).toBeGreaterThan(0);
    const section = lines.slice(start, end).join('\n');
    expect(section).toContain(readFileSync(FIXTURE, 'utf8'));
  });
});

describe('issue texts', () => {
  it('keep a hostile account name, tag value and message inert, with one marker and no mention', () => {
    const account = { ...EXAMPLE_ACCOUNT, name: HOSTILE, costCenter: HOSTILE, ouPath: `Sandbox/${HOSTILE}` };
    const body = issueBody({
      c: { ...EXAMPLE_CASE, title: HOSTILE, message: `${HOSTILE}\n${HOSTILE}` },
      account,
      month: '2026-11',
      mention: undefined,
      costs: {
        ok: true,
        costs: {
          ...(EXAMPLE_COSTS.ok ? EXAMPLE_COSTS.costs : ({} as never)),
          services: [{ service: HOSTILE, previous: '1', current: '2' }],
        },
      },
      environment: 'SpaDemo',
      repo: EXAMPLE_REPO,
    });
    expect(body).not.toMatch(/<img|<!-- spa:exception e30|`code`/);
    // The one link is the engine's, to the account's settings file in the web editor, its name percent-encoded.
    const links = body.match(/\]\([^)]*\)/g) ?? [];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(
      /^\]\(https:\/\/github\.com\/example-org\/spa-settings\/edit\/main\/accounts\/[^ ()<>]+\.yaml\)$/,
    );
    expect(body.match(/<!-- spa:/g)).toHaveLength(1);
    expect(parseMarker(body)).toEqual({
      kind: 'exception',
      account: EXAMPLE_ACCOUNT.id,
      label: EXAMPLE_CASE.label,
      month: '2026-11',
    });
    expect(body.replace(/<code>[^<]*<\/code>/g, '')).not.toContain('@');
    // Every table row keeps its cells: no | of a name splits a row.
    for (const row of body.split('\n').filter((l) => l.startsWith('| Name') || l.startsWith('| Cost center')))
      expect(row.split('|')).toHaveLength(4);
    const title = issueTitle(EXAMPLE_CASE, { ...account, name: 'eve\n@admins\u0007' }, EXAMPLE_COSTS);
    // GitHub mentions no one from a title: it keeps the text as written, but for control characters.
    expect(title).toBe('Budget alert: eve @admins  has spent 85.12 of 100.00 USD this month');
  });

  it('say that the costs were skipped, and why, when there are none', () => {
    const body = issueBody({
      c: EXAMPLE_CASE,
      account: EXAMPLE_ACCOUNT,
      month: '2026-11',
      mention: undefined,
      costs: { ok: false, note: 'Costs not read: the 200 Cost Explorer requests of 2026-11-20 are spent.' },
      environment: 'SpaDemo',
      repo: EXAMPLE_REPO,
    });
    expect(body).toContain(
      '### Costs of the account\n\nCosts not read: the 200 Cost Explorer requests of 2026-11-20 are spent.',
    );
    expect(body).not.toContain('| Service |');
  });
});

describe('channel messages', () => {
  const m = shortMessage(
    EXAMPLE_CASE,
    { ...EXAMPLE_ACCOUNT, name: '<!channel> *x* <https://evil|y>' },
    'https://github.com/acme/s/issues/7',
    'opened',
  );

  it('escape what Slack acts on, with no way to a mention or a link', () => {
    const text = JSON.stringify(slackBlocks(m));
    expect(text).not.toMatch(/<!channel>|<https:\/\/evil/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('"url":"https://github.com/acme/s/issues/7"');
  });

  it('give Teams an Adaptive Card with the link as its action, and email plain text', () => {
    const card = teamsCard(m) as {
      attachments: { contentType: string; content: { actions: { url: string }[] } }[];
    };
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0]!.content.actions[0]!.url).toBe('https://github.com/acme/s/issues/7');
    expect(JSON.stringify(card)).not.toContain('<https://evil');
    expect(emailMessage(m).subject).toBe(
      '[SPA] BudgetAlertException on <!channel> *x* <https://evil|y> (210987654321)',
    );
  });
});

describe('channel messages of a name that carries links and mentions', () => {
  const name =
    'https://evil.example/login @here mail alice@example.com & <b>x</b> *bold* [x](https://evil.example)';
  const m = shortMessage(
    EXAMPLE_CASE,
    { ...EXAMPLE_ACCOUNT, name },
    'https://github.com/acme/s/issues/7',
    'opened',
  );
  /** What a reader sees once the invisible spaces are gone: the name, whole. */
  const seen = (text: string) => text.replace(/\u200b/g, '');

  it('make Slack show the name with no link nor mention in it, escaped as Slack documents', () => {
    const blocks = slackBlocks(m) as { text: string; blocks: [{ text: { text: string } }, unknown] };
    for (const text of [blocks.text, blocks.blocks[0].text.text]) {
      expect(text).not.toMatch(/https?:\/\/|evil\.example|@here|@example/);
      expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
      expect(text).toContain('&amp; &lt;b&gt;x&lt;/b&gt;');
    }
    expect(seen(blocks.text)).toContain(
      'https://evil.example/login @here mail alice@example.com &amp; &lt;b&gt;x&lt;/b&gt;',
    );
  });

  it('give Teams plain text runs, with no Markdown and no link nor mention', () => {
    const card = teamsCard(m) as {
      attachments: [{ content: { body: { type: string; inlines: { type: string; text: string }[] }[] } }];
    };
    const body = card.attachments[0].content.body;
    expect(body.map((b) => b.type)).toEqual(['RichTextBlock', 'RichTextBlock']);
    const texts = body.flatMap((b) => b.inlines.map((i) => i.text));
    for (const text of texts) expect(text).not.toMatch(/https?:\/\/|evil\.example|@here|@example/);
    expect(seen(texts[1]!)).toBe(`Account: ${name} (${EXAMPLE_ACCOUNT.id})`);
  });
});

describe('reading the exceptions queue', () => {
  it('takes the budget name from the text of a budget notification in its SNS envelope', () => {
    const sns = {
      Type: 'Notification',
      MessageId: 'm-1',
      TopicArn: 'arn:aws:sns:eu-west-1:1:t',
      Message: EXAMPLE_CASE.message,
      Timestamp: '2026-11-20T09:14:03Z',
    };
    expect(readIncoming(JSON.stringify(sns), 'q-1')).toEqual({
      kind: 'budget',
      key: 'm-1',
      budgetName: 'SpaDemo-210987654321',
      // The account whose budget sent the notification, as its text names it: the management account.
      sender: '123456789012',
      text: EXAMPLE_CASE.message,
      time: '2026-11-20T09:14:03Z',
    });
  });

  it('keeps anything else whole as a GenericException: text, other JSON, an exception of the wrong shape', () => {
    for (const body of [
      'plain text',
      '{"a": 1}',
      JSON.stringify({
        source: 'SustainablePersonalAccounts',
        'detail-type': 'FailedCodebuildException',
        detail: { Account: 'x' },
      }),
    ])
      expect(readIncoming(body, 'q-2')).toEqual({ kind: 'generic', key: 'q-2', text: body });
  });
});
