import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../engine/src/changes/registry.js';
import type { FieldRow } from '../../engine/src/changes/display-rows.js';
import type { Action, Change } from '../../engine/src/plan/types.js';

/** The rows the plan shows for a change of `action` with this before, after and provenance. */
const rows = (
  action: Action,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  provenance: Record<string, string> = {},
  target: Record<string, unknown> = {},
): FieldRow[] =>
  (KINDS[action] as { rows: (c: Change) => FieldRow[] }).rows({
    action,
    before,
    after,
    provenance,
    target,
  } as unknown as Change);

const r = (field: string, before: string | null, after: string | null, source = '') => ({
  field,
  before,
  after,
  source,
});

const CONTACT = { name: 'Sec', title: 'CSIRT', email: 'sec@example.com', phone: '+1 555 0100' };

describe('the rows a plan shows for each kind of change', () => {
  it('tags: one row per key, sorted, with the value before and after and where it comes from', () => {
    expect(
      rows(
        'tag-account',
        { tags: { team: 'a', old: 'x' } },
        { tags: { team: 'b', old: null, new: 'y' } },
        { 'tags.team': 'accounts/a.yaml:3', 'tags.new': 'accounts/a.yaml:4' },
      ),
    ).toEqual([
      r('tag new', null, 'y', 'accounts/a.yaml:4'),
      r('tag old', 'x', null),
      r('tag team', 'a', 'b', 'accounts/a.yaml:3'),
    ]);
    expect(rows('tag-ou', null, null)).toEqual([]);
    expect(rows('start-lifecycle', {}, { tags: { 'account-state': 'vanilla' } })).toEqual([
      r('tag account-state', null, 'vanilla'),
    ]);
  });

  it('create-account: its tags, then its OU and email', () => {
    expect(
      rows(
        'create-account',
        null,
        { name: 'b', email: 'b@example.com', organizationalUnit: 'Sandbox', tags: { team: 'x' } },
        { organizationalUnit: 'accounts/b.yaml:2', 'tags.team': 'accounts/b.yaml:4' },
      ),
    ).toEqual([
      r('tag team', null, 'x', 'accounts/b.yaml:4'),
      r('organizational unit', null, 'Sandbox', 'accounts/b.yaml:2'),
      r('email', null, 'b@example.com'),
    ]);
  });

  it('move-account: the OU before, the root shown as (root), and after', () => {
    const src = { organizationalUnit: 'accounts/a.yaml:2' };
    expect(rows('move-account', { organizationalUnit: '' }, { organizationalUnit: 'Sandbox' }, src)).toEqual([
      r('organizational unit', '(root)', 'Sandbox', 'accounts/a.yaml:2'),
    ]);
    expect(rows('move-account', { organizationalUnit: 'Other' }, { organizationalUnit: 'Sandbox' })).toEqual([
      r('organizational unit', 'Other', 'Sandbox'),
    ]);
    expect(rows('move-account', {}, { organizationalUnit: 'Sandbox' })).toEqual([
      r('organizational unit', null, 'Sandbox'),
    ]);
    expect(rows('move-account', { organizationalUnit: 'Sandbox' }, {})).toEqual([
      r('organizational unit', 'Sandbox', null),
    ]);
  });

  it('rename-account and close-account: the name and the status', () => {
    expect(
      rows(
        'rename-account',
        { accountName: 'a' },
        { accountName: 'b' },
        { accountName: 'accounts/a.yaml:5' },
      ),
    ).toEqual([r('account name', 'a', 'b', 'accounts/a.yaml:5')]);
    expect(rows('rename-account', {}, { accountName: 'b' })).toEqual([r('account name', null, 'b')]);
    expect(rows('rename-account', { accountName: 'a' }, {})).toEqual([r('account name', 'a', null)]);
    expect(
      rows('close-account', { status: 'ACTIVE' }, { status: 'SUSPENDED' }, { closed: 'accounts/a.yaml:6' }),
    ).toEqual([r('status', 'ACTIVE', 'SUSPENDED', 'accounts/a.yaml:6')]);
    expect(rows('close-account', {}, { status: 'SUSPENDED' })).toEqual([r('status', null, 'SUSPENDED')]);
    expect(rows('close-account', { status: 'ACTIVE' }, {})).toEqual([r('status', 'ACTIVE', null)]);
  });

  it('alternate contacts: the contact of its type, described, or none', () => {
    const src = { 'alternateContacts.security': 'accounts/a.yaml:7' };
    expect(
      rows('put-alternate-contact', { contact: null }, { contact: CONTACT }, src, {
        contactType: 'security',
      }),
    ).toEqual([
      r('security contact', null, 'Sec (CSIRT) <sec@example.com> +1 555 0100', 'accounts/a.yaml:7'),
    ]);
    expect(rows('delete-alternate-contact', { contact: CONTACT }, {})).toEqual([
      r('alternate contact', 'Sec (CSIRT) <sec@example.com> +1 555 0100', null),
    ]);
    expect(rows('delete-alternate-contact', {}, { contact: null })).toEqual([
      r('alternate contact', null, null),
    ]);
  });

  it('budgets: the amount, the thresholds in % and the subscribers, before and after', () => {
    const budget = (amount: number, thresholds: number[], subscribers: string[]) => ({
      budget: { amount, currency: 'USD', thresholds, subscribers },
    });
    const src = {
      'budget.amount': 'a:1',
      'budget.thresholds': 'a:2',
      'budget.subscribers': 'a:3',
    };
    expect(
      rows(
        'update-budget',
        budget(100, [80], ['x@e.com']),
        budget(200, [50, 100], ['x@e.com', 'y@e.com']),
        src,
      ),
    ).toEqual([
      r('budget amount', '100 USD', '200 USD', 'a:1'),
      r('alert thresholds', '80%', '50%, 100%', 'a:2'),
      r('alerts to', 'x@e.com', 'x@e.com, y@e.com', 'a:3'),
    ]);
    expect(rows('create-budget', null, budget(10, [100], ['x@e.com']))).toEqual([
      r('budget amount', null, '10 USD'),
      r('alert thresholds', null, '100%'),
      r('alerts to', null, 'x@e.com'),
    ]);
    expect(rows('delete-budget', budget(10, [100], ['x@e.com']), null)).toEqual([
      r('budget amount', '10 USD', null),
      r('alert thresholds', '100%', null),
      r('alerts to', 'x@e.com', null),
    ]);
    expect(rows('delete-budget', {}, {})).toEqual([]);
  });

  it('policies: the description, the document by its size and digest, and whether it is attached', () => {
    const doc = '{"Version":"2012-10-17"}';
    const digest = createHash('sha256').update(doc).digest('hex').slice(0, 12);
    expect(
      rows(
        'update-policy',
        { description: 'old', content: doc },
        { description: 'new', content: '' },
        { description: 'infra/settings.yaml:4', content: 'infra/policies/p.json' },
      ),
    ).toEqual([
      r('description', 'old', 'new', 'infra/settings.yaml:4'),
      r(
        'policy document',
        `24 characters, sha256 ${digest}`,
        '0 characters, sha256 e3b0c44298fc',
        'infra/policies/p.json',
      ),
    ]);
    expect(rows('create-policy', null, { description: 'd' })).toEqual([r('description', null, 'd')]);
    expect(rows('create-policy', null, { content: doc })).toEqual([
      r('policy document', null, `24 characters, sha256 ${digest}`),
    ]);
    expect(rows('update-policy', { description: 'd', content: doc }, {})).toEqual([
      r('description', 'd', null),
      r('policy document', `24 characters, sha256 ${digest}`, null),
    ]);
    expect(
      rows('attach-policy', { attached: false }, { attached: true }, { attached: 'ous/Sandbox.yaml:3' }),
    ).toEqual([r('attached', 'no', 'yes', 'ous/Sandbox.yaml:3')]);
    expect(rows('detach-policy', { attached: true }, {})).toEqual([r('attached', 'yes', 'no')]);
    expect(rows('detach-policy', {}, { attached: false })).toEqual([r('attached', 'no', 'no')]);
    expect(rows('detach-policy', {}, {})).toEqual([]);
  });
});
