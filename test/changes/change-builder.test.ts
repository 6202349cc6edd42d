import { describe, expect, it } from 'vitest';
import { closeAccount } from '../../engine/src/changes/close-account.js';
import { createAccount } from '../../engine/src/changes/create-account.js';
import { change } from '../../engine/src/changes/kind.js';
import { tagAccount } from '../../engine/src/changes/tag-account.js';
import { fieldRows } from '../../engine/src/render/plan-words.js';

const target = {
  kind: 'account',
  name: 'alice',
  email: 'alice@example.com',
  accountId: '111111111111',
} as const;

describe('a change built from its kind', () => {
  it('takes its key from the action and address and its destructiveness from the kind, fields in plan order', () => {
    const close = change(closeAccount, {
      address: 'account/alice',
      reason: 'requested',
      summary: 'close alice',
      target,
      before: { status: 'ACTIVE' },
      after: { status: 'SUSPENDED' },
      provenance: { closed: 'accounts/alice.yaml:4' },
      dependsOn: [],
      precondition: { status: 'ACTIVE', parentId: 'ou-1' },
    });
    expect(close).toMatchObject({
      key: 'close-account:account/alice',
      action: 'close-account',
      destructive: true,
    });
    expect(Object.keys(close)).toEqual([
      'key',
      'address',
      'action',
      'reason',
      'destructive',
      'summary',
      'target',
      'before',
      'after',
      'provenance',
      'dependsOn',
      'precondition',
    ]);
    const tags = change(tagAccount, {
      address: 'account/alice',
      reason: 'differs',
      summary: 'set 1 tag on alice',
      target,
      before: { tags: { team: null } },
      after: { tags: { team: 'a' } },
      provenance: { 'tags.team': 'accounts/alice.yaml:5' },
      dependsOn: [],
      precondition: { parentId: 'ou-1', tags: { team: null } },
    });
    expect([tags.key, tags.destructive]).toEqual(['tag-account:account/alice', false]);
  });

  it("is shown by its kind's rows: a new account's tags, then its OU and email", () => {
    const create = change(createAccount, {
      address: 'account/alice',
      reason: 'missing',
      summary: 'create alice',
      target: { kind: 'account', name: 'alice', email: 'alice@example.com' },
      before: null,
      after: {
        name: 'alice',
        email: 'alice@example.com',
        organizationalUnit: 'Sandbox',
        tags: { team: 'a' },
      },
      provenance: { organizationalUnit: 'settings.yaml:9', 'tags.team': 'accounts/alice.yaml:5' },
      dependsOn: [],
      precondition: { absent: true },
    });
    expect(fieldRows(create)).toEqual([
      { field: 'tag team', before: null, after: 'a', source: 'accounts/alice.yaml:5' },
      { field: 'organizational unit', before: null, after: 'Sandbox', source: 'settings.yaml:9' },
      { field: 'email', before: null, after: 'alice@example.com', source: '' },
    ]);
  });
});
