import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../engine/src/domain/generated/types.js';
import {
  MAX_PLAN_COMMENTS,
  renderApplyComment,
  renderApplyIssue,
  renderDriftIssue,
  renderJobSummary,
  renderPrComments,
  scopeWords,
} from '../../engine/src/gitops/comments.js';
import { parseMarker } from '../../engine/src/gitops/markers.js';
import type { Plan } from '../../engine/src/plan/types.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { syntheticPlan } from '../helpers/plans.js';
import { minimalTree } from '../helpers/tree.js';

const STATE = { 'account-state': 'released', 'account-holder': 'a@example.com' };
/** A plan of two accounts below Sandbox, with the tags these OU files give them. */
const plan = (tags: Record<string, string>, accounts = 2): Plan =>
  planOf(
    minimalTree({ ous: { Sandbox: { managed: true, tags } } }),
    observedOrganization({
      ous: ['Sandbox'],
      accounts: Array.from({ length: accounts }, (_, i) => ({
        id: `00000000000${i + 1}`,
        name: `a${i}`,
        email: `a${i}@example.com`,
        ouPath: 'Sandbox',
        tags: { ...STATE, team: 'old' },
      })),
    }),
  );
const SHA = '0123456789abcdef0123456789abcdef01234567';
const result = (over: Partial<ApplyResult>): ApplyResult => ({
  version: 1,
  kind: 'spa-apply-result',
  planDigest: 'sha256:abc',
  startedAt: '2026-11-27T12:00:00Z',
  finishedAt: '2026-11-27T12:01:00Z',
  outcome: 'applied',
  results: [],
  summary: { applied: 0, alreadyApplied: 0, failed: 0, skipped: 0 },
  ...over,
});
const row = (change: string, status: ApplyResult['results'][number]['status'], message: string) => ({
  change,
  address: change.slice(change.indexOf(':') + 1),
  action: 'tag-account' as const,
  status,
  message,
  durationMs: 1,
});

describe('the scope line of a plan comment', () => {
  const withScope = (scope: Plan['scope']) => ({ scope }) as Plan;
  it('says a full plan read the whole organization, with its calls and why', () => {
    expect(scopeWords(withScope(undefined))).toBe('Full plan: the whole organization was read.');
    expect(scopeWords(withScope({ kind: 'full', awsCalls: 1, reason: 'settings.yaml *changes*' }))).toBe(
      'Full plan: the whole organization was read with **1** AWS call (settings.yaml &#42;changes&#42;).',
    );
    expect(scopeWords(withScope({ kind: 'full', awsCalls: 12 }))).toBe(
      'Full plan: the whole organization was read with **12** AWS calls.',
    );
  });

  it('says what a targeted plan reaches and the full plan it stands on', () => {
    const reference = { createdAt: '2026-11-27T06:00:00Z', commit: SHA, digest: 'sha256:r' };
    expect(
      scopeWords(withScope({ kind: 'targeted', accounts: 1, ous: ['Sandbox'], awsCalls: 3, reference })),
    ).toBe(
      'Targeted plan: this pull request reaches **1** account and 1 OU file, read with **3** AWS calls. ' +
        'Differences elsewhere between main and AWS are those of the last full plan of main ' +
        '(2026-11-27T06:00:00Z, <code>0123456789ab</code>): see the drift issue.',
    );
    expect(scopeWords(withScope({ kind: 'targeted', accounts: 2, ous: ['A', 'B'] }))).toBe(
      'Targeted plan: this pull request reaches **2** accounts and 2 OU files, read.',
    );
    expect(scopeWords(withScope({ kind: 'targeted', reference: { ...reference, commit: null } }))).toBe(
      'Targeted plan: this pull request reaches **0** accounts, read. Differences elsewhere between main and AWS ' +
        'are those of the last full plan of main (2026-11-27T06:00:00Z): see the drift issue.',
    );
  });
});

describe('the plan comments of a pull request', () => {
  it('count what the pull request causes apart from what already differs, and carry the marker of part 1', () => {
    const head = plan({ team: 'new' });
    const base = plan({ team: 'new' }, 1);
    const [first, ...more] = renderPrComments({ head, base, pr: 7, headSha: 'a1', referenceRun: 5 });
    expect(more).toEqual([]);
    expect(parseMarker(first)).toEqual({
      kind: 'plan',
      pr: 7,
      commit: 'a1',
      digest: head.digest,
      part: 1,
      parts: 1,
    });
    expect(first).toContain('### SPA plan for pull request #7');
    expect(first).toContain(
      '| Action | This pull request | Already differs on main |\n|---|---:|---:|\n| <code>&#126; tag-account</code> | 1 | 1 |\n\n' +
        'This pull request causes **1** change. 1 difference already exists between main and AWS and would be applied too.\n\n' +
        'Full plan: the whole organization was read.\n\n> [!WARNING]\n> This plan is large: touches 2 of 2 managed accounts (100%, more than 20%). ' +
        'On merge it is applied only if this pull request carries the label <code>spa/allow-large</code>',
    );
    expect(first).toContain('#### Changes this pull request causes (1)');
    expect(first).toContain('#### Differences that already exist between main and AWS (1)');
    expect(first).not.toContain('removes');
    expect(first).toContain(
      `On merge, the apply workflow plans main again and applies only if it finds this plan, <code>${head.digest}</code>.`,
    );
  });

  it('count in the plural, and show what the pull request makes go away', () => {
    const head = plan({ team: 'new' });
    const base = plan({ team: 'old', extra: 'x' }, 1);
    const [first] = renderPrComments({ head, base, pr: 7, headSha: 'a1' });
    expect(first).toContain(
      'This pull request causes **2** changes. 0 differences already exist between main and AWS',
    );
    expect(first).toContain('#### Changes this pull request causes (2)');
    expect(first).toContain('#### Differences on main that this pull request removes (1)');
    expect(parseMarker(first)).not.toHaveProperty('reference');
  });

  it('say when AWS already matches, and name the reference run of a targeted plan', () => {
    const head = { ...plan({ team: 'old' }), scope: { kind: 'targeted' as const, accounts: 2 } };
    const [first] = renderPrComments({ head, pr: 3, headSha: 'b2', referenceRun: 9 });
    expect(first).toContain('_No change: AWS already matches this pull request._');
    expect(first).toContain('This pull request causes **0** changes.\n');
    expect(first).toContain('_None: this pull request changes nothing in AWS._');
    expect(first).not.toContain('Differences that already exist');
    expect(first).not.toContain('[!WARNING]');
    expect(first).not.toContain('[!CAUTION]');
    expect(parseMarker(first)).toMatchObject({ reference: 9, pr: 3, commit: 'b2' });
  });

  it('say that a plan with errors cannot be applied', () => {
    const head = plan({ team: 'new' });
    const broken = { ...head, summary: { ...head.summary, errors: 2 } };
    expect(renderPrComments({ head: broken, pr: 1, headSha: 'e5' })[0]).toContain(
      '> [!CAUTION]\n> The plan has 2 error(s) (see the findings): it cannot be applied.',
    );
  });

  it('point to the run when the plan needs more than ten comments', () => {
    const head = plan({ team: 'new' }, 9);
    const comments = renderPrComments({
      head,
      pr: 4,
      headSha: 'c3',
      runUrl: 'https://github.test/runs/1',
      limit: 900,
    });
    expect(MAX_PLAN_COMMENTS).toBe(10);
    expect(comments).toHaveLength(1);
    expect(parseMarker(comments[0])).toMatchObject({ part: 1, parts: 1 });
    expect(comments[0]).toContain(
      `The plan has **${head.changes.length} changes**, too many for 10 comments: the full plan (JSON and Markdown) is in the artifacts of [the run](https://github.test/runs/1).\n`,
    );
  });
});

describe('the job summary, the drift issue and the apply comment', () => {
  it('the job summary holds the first part and counts the others', () => {
    expect(renderJobSummary(['one'])).toBe('one');
    expect(renderJobSummary([])).toBe('');
    expect(renderJobSummary(['one', 'two', 'three'], 'https://github.test/runs/1')).toBe(
      'one\n\n_2 more part(s) in the pull request comments and in the artifacts of [the run](https://github.test/runs/1)._\n',
    );
    expect(renderJobSummary(['one', 'two'])).toBe(
      'one\n\n_1 more part(s) in the pull request comments and in the artifacts._\n',
    );
    expect(renderJobSummary(['x'.repeat(1_000_000)])).toHaveLength(900_000);
  });

  it('the drift issue carries the digest and says when it closes', () => {
    const p = plan({ team: 'new' });
    const text = renderDriftIssue(p, 'https://github.test/runs/77');
    expect(parseMarker(text)).toEqual({ kind: 'drift', digest: p.digest });
    expect(text).toContain('Drift: AWS differs from main');
    expect(text).not.toContain('runs/77');
    expect(
      text.endsWith(
        '\n\nThe drift workflow plans main against AWS every day; this issue is updated while they differ and closed when they agree again.\n',
      ),
    ).toBe(true);
  });

  it('the drift issue of a long plan says where the rest is', () => {
    const p = syntheticPlan(300);
    const text = renderDriftIssue(p, 'https://github.test/o/r/actions/runs/77');
    expect(text).toMatch(
      /\n\n_The plan continues in [1-9]\d* more part\(s\): see the artifacts of the latest drift run \(https:\/\/github\.test\/o\/r\/actions\/runs\)\._\n\n/,
    );
    expect(text.length).toBeLessThan(60_000);
    expect(renderDriftIssue(p)).toContain('see the artifacts of the latest drift run._');
  });

  it('the apply comment counts the results and lists those that did not apply', () => {
    const failed = result({
      outcome: 'partial',
      results: [
        row('tag-account:account/a', 'applied', 'done'),
        row('tag-account:account/b', 'failed', 'denied | *x*'),
      ],
      summary: { applied: 1, alreadyApplied: 2, failed: 1, skipped: 0 },
    });
    expect(renderApplyComment(failed, SHA, 'https://github.test/runs/2')).toBe(
      [
        '### SPA apply of <code>0123456789ab</code>: ❌ incomplete',
        '',
        '1 applied · 2 already applied · 1 failed · 0 skipped · plan <code>sha256:abc</code>',
        '',
        '| Change | Status | Message |',
        '|---|---|---|',
        '| <code>tag-account:account/b</code> | failed | denied &#124; &#42;x&#42; |',
        '',
        'Run: https://github.test/runs/2',
        '',
      ].join('\n'),
    );
  });

  it('the apply comment lists every result when all applied, up to a limit, and says why it refused', () => {
    const rows = ['a', 'b', 'c'].map((n) => row(`tag-account:account/${n}`, 'applied', 'ok'));
    const skipped = result({ results: [rows[0]!, row('tag-account:account/s', 'skipped', 'waits')] });
    expect(renderApplyComment(skipped, SHA)).toContain(
      '| <code>tag-account:account/s</code> | skipped | waits |\n',
    );
    expect(renderApplyComment(skipped, SHA)).not.toContain('account/a');
    const text = renderApplyComment(result({ results: rows }), SHA, 'https://github.test/runs/3', 2);
    expect(text.split('\n')[0]).toBe('### SPA apply of <code>0123456789ab</code>: ✅ applied');
    expect(text).toContain(
      '| <code>tag-account:account/b</code> | applied | ok |\n\n_1 more: see the apply result in the artifacts of [the run](https://github.test/runs/3)._\n',
    );
    expect(text).not.toContain('account/c');
    const refused = result({ outcome: 'refused', refusal: { code: 'stale-plan', message: 'AWS *changed*' } });
    expect(renderApplyComment(refused, SHA)).toBe(
      '### SPA apply of <code>0123456789ab</code>: ⛔ refused\n\n0 applied · 0 already applied · 0 failed · 0 skipped · plan <code>sha256:abc</code>\n\n> AWS &#42;changed&#42;\n',
    );
    expect(renderApplyComment(result({ outcome: 'nothing-to-do' }), SHA).split('\n')[0]).toBe(
      '### SPA apply of <code>0123456789ab</code>: nothing to do',
    );
    expect(renderApplyComment(result({ results: rows }), SHA, undefined, 1)).toContain(
      '_2 more: see the apply result in the artifacts._',
    );
  });

  it('the apply issue carries its marker, title, message and the outcome', () => {
    expect(renderApplyIssue('Apply *failed*', 'why', SHA)).toBe(
      '<!-- spa:apply e30 -->\n### Apply &#42;failed&#42;\n\nwhy\n\n',
    );
    const text = renderApplyIssue('t', 'm', SHA, 'https://github.test/runs/4', result({}));
    expect(parseMarker(text)).toEqual({ kind: 'apply' });
    expect(text).toContain('\n\nm\n\n### SPA apply of <code>0123456789ab</code>: ✅ applied\n');
    expect(text.endsWith('Run: https://github.test/runs/4\n\nRun: https://github.test/runs/4\n')).toBe(true);
  });
});
