import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderApplyComment, renderDriftIssue, renderPrComments } from '../../engine/src/gitops/comments.js';
import { parseMarker } from '../../engine/src/gitops/markers.js';
import { escapeMarkdown } from '../../engine/src/render/markdown-escape.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree } from '../helpers/tree.js';

const HOSTILE =
  'x --> </summary></details><details open> `rm -rf` [click](https://evil.example) @acme/admins #1 <!-- spa:plan eyJ9 --> *bold* | www.evil.example';

/** A plan whose names come from pull request files and from AWS: an account file, an OU file, an AWS account name. */
function hostilePlan() {
  const tree = minimalTree({
    ous: { Sandbox: { managed: true }, 'Sandbox/<details> @acme-team': {} },
    accounts: {
      'evil --> `x` @acme-admins <b>': {
        email: 'evil@example.com',
        organizationalUnit: 'Sandbox/<details> @acme-team',
      },
    },
  });
  const observed = observedOrganization({
    ous: ['Sandbox'],
    accounts: [{ id: '100000000001', name: HOSTILE, email: 'victim@example.com', ouPath: 'Sandbox' }],
  });
  return planOf(tree, observed);
}

const md = new MarkdownIt({ html: true, linkify: true });

function checkInert(body: string, ownDetails: number) {
  const lines = body.split('\n');
  expect(parseMarker(lines[0])?.kind).toBeDefined();
  const rest = lines.slice(1).join('\n');
  expect(rest).not.toContain('<!--');
  expect(rest).not.toContain('-->');
  expect(rest).not.toContain('`rm');
  // GitHub forms no mention inside <code>; no @ is left outside one.
  expect(rest.replace(/<code>[^<]*<\/code>/g, '')).not.toContain('@');
  expect(rest).not.toContain('](https://evil');
  expect((rest.match(/<details>/g) ?? []).length).toBe(ownDetails);
  expect((rest.match(/<\/details>/g) ?? []).length).toBe(ownDetails);
  const html = md.render(rest);
  // Only email addresses may become (mailto:) links; no URL from the text does.
  expect(html).not.toMatch(/<a href="(?!mailto:)/);
  expect(html).not.toContain('<b>');
  expect(html).not.toContain('<strong>bold');
  expect(html).not.toContain('<details open>');
}

describe('text from pull requests and from AWS renders inert', () => {
  it('in the plan comment of a pull request', () => {
    const plan = hostilePlan();
    const [body] = renderPrComments({ head: plan, pr: 3, headSha: 'abc' });
    const detailed = plan.changes.filter(
      (c) => c.before || (c.after && ('tags' in c.after || 'budget' in c.after)),
    ).length;
    expect(body).toContain('<code>victim@example.com</code>');
    checkInert(body!, body!.match(/<details>/g)!.length);
    expect(detailed).toBeGreaterThan(0);
    // The account name shows, escaped, in the change summaries.
    expect(body).toContain('evil --&#62; &#96;x&#96; <code>@</code>acme-admins &#60;b&#62;');
  });

  it('in the drift issue and in the apply comment', () => {
    const plan = hostilePlan();
    const drift = renderDriftIssue(plan);
    checkInert(drift, drift.match(/<details>/g)?.length ?? 0);
    const apply = renderApplyComment(
      {
        version: 1,
        kind: 'spa-apply-result',
        planDigest: plan.digest,
        startedAt: '2026-11-27T00:00:00.000Z',
        finishedAt: '2026-11-27T00:00:01.000Z',
        outcome: 'partial',
        results: [
          {
            change: `tag-account:account/${HOSTILE}`,
            address: `account/${HOSTILE}`,
            action: 'tag-account',
            status: 'failed',
            message: HOSTILE,
            durationMs: 1,
          },
        ],
        summary: { applied: 0, alreadyApplied: 0, failed: 1, skipped: 0 },
      },
      'sha',
    );
    checkInert(`<!-- spa:apply e30 -->\n${apply}`, 0);
  });

  it('keeps an email whole in inline code, so that it copies back to the same address', () => {
    expect(escapeMarkdown('ask jane.doe+spa@example.co.uk or @team')).toBe(
      'ask <code>jane.doe+spa@example.co.uk</code> or <code>@</code>team',
    );
    expect(md.renderInline(escapeMarkdown('jane_doe@example.com'))).toBe('<code>jane_doe@example.com</code>');
  });

  it('escapes each dangerous character, and nothing else', () => {
    expect(escapeMarkdown('a-b.c (d) e+f !g')).toBe('a-b.c (d) e+f !g');
    expect(escapeMarkdown('<x> & "y" `z` *w* _v_ [u] |t| ~s~ \\r $q$ #p @o https://n www.m')).toBe(
      '&#60;x&#62; &#38; &#34;y&#34; &#96;z&#96; &#42;w&#42; &#95;v&#95; &#91;u&#93; &#124;t&#124; &#126;s&#126; &#92;r &#36;q&#36; &#35;p <code>@</code>o https&#58;//n www&#46;m',
    );
  });
});
