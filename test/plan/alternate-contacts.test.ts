import { describe, expect, it } from 'vitest';
import { indexDesired } from '../../engine/src/desired/index-of.js';
import type { Contact, ContactType, ObservedOrganization } from '../../engine/src/observed/types.js';
import type { ContactsRead } from '../../engine/src/changes/context.js';
import { contactReadsOf } from '../../engine/src/plan/contact-reads.js';
import { desiredOf, observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const SEC: Contact = {
  name: 'Security team',
  title: 'CSIRT',
  email: 'sec@example.com',
  phone: '+1 555 0100',
};
const OPS: Contact = {
  name: 'Platform',
  title: 'Operations',
  email: 'ops@example.com',
  phone: '+1 555 0101',
};
const OLD: Contact = { name: 'Old', title: 'Former', email: 'old@example.com', phone: '+1 555 0199' };
const STATE = (n: string) => ({ 'account-state': 'released', 'account-holder': `${n}@example.com` });
const acc = (n: string, id: string, ouPath = 'Sandbox', extra: Partial<FakeAccount> = {}): FakeAccount => ({
  id,
  name: n,
  email: `${n}@example.com`,
  ouPath,
  tags: STATE(n),
  ...extra,
});

/** A plan that read these contacts (by account id; a type absent from the record is none). */
function plan(
  spec: MinimalTree,
  accounts: FakeAccount[],
  contacts: Record<string, Partial<Record<ContactType, Contact>> | string> = {},
) {
  const observed = observedOrganization({ ous: ['Sandbox', 'Other'], accounts });
  const read = new Map<string, ContactsRead>(
    accounts.map((a) => {
      const c = contacts[a.id] ?? {};
      return [
        a.id,
        typeof c === 'string'
          ? { ok: false, reason: c }
          : { ok: true, contacts: { billing: null, operations: null, security: null, ...c } },
      ];
    }),
  );
  return planOf(
    minimalTree({ ous: { Sandbox: { managed: true }, Other: {} }, ...spec }),
    observed,
    new Map(),
    { accountApi: { trustedAccess: true, contacts: read, contactsWanted: read.size } },
  );
}
const contactChanges = (p: ReturnType<typeof plan>) =>
  p.changes.filter((c) => c.action.endsWith('alternate-contact'));

describe('alternate contacts', () => {
  it('sets a declared contact that is missing or differs, with the line it comes from, and nothing when equal', () => {
    const p = plan(
      {
        defaults: { alternateContacts: { security: SEC } },
        accounts: { a: { organizationalUnit: 'Sandbox', alternateContacts: { operations: OPS } } },
      },
      [acc('a', '000000000001')],
      { '000000000001': { security: OLD } },
    );
    expect(contactChanges(p)).toEqual([
      expect.objectContaining({
        action: 'put-alternate-contact',
        address: 'contact/a/operations',
        reason: 'missing',
        target: expect.objectContaining({ accountId: '000000000001', contactType: 'operations' }) as unknown,
        before: { contact: null },
        after: { contact: OPS },
        provenance: { 'alternateContacts.operations': 'accounts/a.yaml:6' },
        precondition: { parentId: 'ou-root-00000000', contact: null },
      }),
      expect.objectContaining({
        address: 'contact/a/security',
        reason: 'differs',
        before: { contact: OLD },
        after: { contact: SEC },
        provenance: { 'alternateContacts.security': 'settings.yaml:8 (defaults)' },
      }),
    ]);
    const same = plan({ defaults: { alternateContacts: { security: SEC } } }, [acc('a', '000000000001')], {
      '000000000001': { security: SEC },
    });
    expect(contactChanges(same)).toEqual([]);
  });

  it('gives accounts without a file below a managed OU the contacts of their OU chain, and leaves other accounts alone', () => {
    const p = plan({ ous: { Sandbox: { managed: true, alternateContacts: { billing: OPS } }, Other: {} } }, [
      acc('nofile', '000000000002'),
      acc('elsewhere', '000000000003', 'Other'),
    ]);
    expect(contactChanges(p).map((c) => [c.address, c.after])).toEqual([
      ['contact/000000000002/billing', { contact: OPS }],
    ]);
  });

  it('removes a contact the settings unset, the higher level winning over a lower set', () => {
    const p = plan(
      {
        defaults: { alternateContacts: { billing: SEC, operations: OPS } },
        accounts: { a: { organizationalUnit: 'Sandbox', unsetAlternateContacts: ['billing', 'security'] } },
      },
      [acc('a', '000000000001')],
      { '000000000001': { billing: OLD, operations: OPS } },
    );
    expect(contactChanges(p)).toEqual([
      expect.objectContaining({
        action: 'delete-alternate-contact',
        address: 'contact/a/billing',
        before: { contact: OLD },
        after: { contact: null },
        provenance: { 'alternateContacts.billing': 'accounts/a.yaml:6' },
      }),
    ]);
  });

  it('sets the contacts of an account the plan creates once it exists', () => {
    const p = plan(
      { accounts: { b: { organizationalUnit: 'Sandbox', alternateContacts: { security: SEC } } } },
      [],
    );
    expect(contactChanges(p)).toEqual([
      expect.objectContaining({
        address: 'contact/b/security',
        reason: 'new',
        dependsOn: ['create-account:account/b'],
        precondition: { newAccount: true },
      }),
    ]);
  });

  it('leaves the contacts of an account that could not be read, with a warning, not an error', () => {
    const p = plan({ defaults: { alternateContacts: { security: SEC } } }, [acc('nofile', '000000000002')], {
      '000000000002': 'AWS GetAlternateContact failed after 12 attempts: TooManyRequestsException',
    });
    expect(contactChanges(p)).toEqual([]);
    expect(p.findings).toContainEqual(
      expect.objectContaining({ kind: 'contacts-unread', severity: 'warning', accountId: '000000000002' }),
    );
    expect(p.summary.errors).toBe(0);
  });

  it('blocks the plan when the contacts need AWS Account Management and its trusted access is off', () => {
    const p = planOf(
      minimalTree({
        ous: { Sandbox: { managed: true } },
        defaults: { alternateContacts: { security: SEC } },
      }),
      observedOrganization({ ous: ['Sandbox'], accounts: [acc('nofile', '000000000002')] }),
      new Map(),
      { accountApi: { trustedAccess: false, contactsWanted: 1 } },
    );
    expect(p.findings).toContainEqual(
      expect.objectContaining({ kind: 'account-access-disabled', severity: 'error' }),
    );
    expect(p.findings.find((f) => f.kind === 'account-access-disabled')!.message).toContain(
      'the alternate contacts of 1 account(s)',
    );
  });
});

describe('which contacts a plan reads', () => {
  const read = (spec: MinimalTree, observed: ObservedOrganization) =>
    contactReadsOf(
      indexDesired(desiredOf(minimalTree({ ous: { Sandbox: { managed: true }, Other: {} }, ...spec }))),
      observed,
    );

  it('reads only the declared or unset types of managed, active accounts', () => {
    const observed = observedOrganization({
      ous: ['Sandbox', 'Other'],
      managementAccountId: '000000000009',
      accounts: [
        acc('a', '000000000001'),
        acc('nofile', '000000000002'),
        acc('elsewhere', '000000000003', 'Other'),
        acc('gone', '000000000004', 'Sandbox', { status: 'SUSPENDED' }),
        acc('root', '000000000009', ''),
      ],
    });
    const reads = read(
      {
        ous: { Sandbox: { managed: true, alternateContacts: { security: SEC } }, Other: {} },
        accounts: { a: { organizationalUnit: 'Sandbox', unsetAlternateContacts: ['billing'] } },
      },
      observed,
    );
    expect(Object.fromEntries(reads)).toEqual({
      '000000000001': ['billing', 'security'],
      '000000000002': ['security'],
    });
    expect(read({}, observed).size).toBe(0);
  });
});
