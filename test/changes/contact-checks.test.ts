import { describe, expect, it } from 'vitest';
import type { Readiness } from '../../engine/src/changes/kind.js';
import type { Contact } from '../../engine/src/observed/types.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { checkInMemory } from '../helpers/apply-aws.js';
import { memoryAws } from '../helpers/memory-aws.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const ID = '000000000001';
const OUS = { Sandbox: { managed: true } };
const SEC: Contact = {
  name: 'Security team',
  title: 'CSIRT',
  email: 'sec@example.com',
  phone: '+1 555 0100',
};
const OLD: Contact = { name: 'Old team', title: 'Ops', email: 'old@example.com', phone: '+1 555 0111' };
const THIRD: Contact = { ...OLD, phone: '+1 555 0199' };
const PUT: MinimalTree = {
  ous: OUS,
  accounts: { a: { organizationalUnit: 'Sandbox', alternateContacts: { security: SEC } } },
};
const UNSET: MinimalTree = {
  ous: OUS,
  accounts: { a: { organizationalUnit: 'Sandbox', unsetAlternateContacts: ['security'] } },
};
const DESCRIBED = (c: Contact) => `${c.name} (${c.title}) <${c.email}> ${c.phone}`;

/** Plans `settings` over the security contact `seen`, lets AWS hold `now`, and checks the change of `action`. */
async function check(
  settings: MinimalTree,
  action: Action,
  seen: Contact | null,
  now: Contact | null = seen,
  apply = settings,
): Promise<{ change: Change; readiness: Readiness }> {
  const org = observedOrganization({
    ous: ['Sandbox'],
    accounts: [{ id: ID, name: 'a', email: 'a@example.com', ouPath: 'Sandbox' }],
  });
  const read = (c: Contact | null) => ({ billing: null, operations: null, security: c });
  const plan = planOf(minimalTree(settings), org, new Map(), {
    accountApi: {
      trustedAccess: true,
      contacts: new Map([[ID, { ok: true as const, contacts: read(seen) }]]),
    },
  });
  const change = plan.changes.find((c) => c.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  const aws = memoryAws(org, new Map(), new Map(now ? [[ID, { security: now }]] : []));
  const readiness = await checkInMemory(change, aws, org, apply);
  return { change, readiness };
}

describe('the alternate contact changes: what the plan says, and why apply refuses or finds them stale', () => {
  it('put: plans the contact with its source; done, stale or refused with the contacts it compares', async () => {
    const { change, readiness } = await check(PUT, 'put-alternate-contact', OLD);
    expect(readiness).toEqual({ state: 'ready' });
    expect(change).toMatchObject({
      reason: 'differs',
      summary: `set the security contact of a: ${DESCRIBED(SEC)}`,
      before: { contact: OLD },
      after: { contact: SEC },
      precondition: { parentId: 'ou-root-00000000', contact: OLD },
    });
    expect(change.provenance['alternateContacts.security']).toMatch(/^accounts\/a\.yaml:\d+/);
    expect((await check(PUT, 'put-alternate-contact', null)).change.reason).toBe('missing');
    expect((await check(PUT, 'put-alternate-contact', OLD, SEC)).readiness).toEqual({ state: 'done' });
    expect((await check(PUT, 'put-alternate-contact', OLD, THIRD)).readiness).toEqual({
      state: 'stale',
      expected: DESCRIBED(OLD),
      found: DESCRIBED(THIRD),
    });
    expect((await check(PUT, 'put-alternate-contact', null, THIRD)).readiness).toEqual({
      state: 'stale',
      expected: '(none)',
      found: DESCRIBED(THIRD),
    });
    expect((await check(PUT, 'put-alternate-contact', OLD, OLD, UNSET)).readiness).toEqual({
      state: 'refused',
      reason: 'the settings do not give a this security contact',
    });
  });

  it('delete: removes the contact; done once gone, stale when changed, refused while the settings give it', async () => {
    expect((await check(UNSET, 'delete-alternate-contact', OLD)).readiness).toEqual({ state: 'ready' });
    expect((await check(UNSET, 'delete-alternate-contact', OLD, null)).readiness).toEqual({ state: 'done' });
    expect((await check(UNSET, 'delete-alternate-contact', OLD, THIRD)).readiness).toEqual({
      state: 'stale',
      expected: DESCRIBED(OLD),
      found: DESCRIBED(THIRD),
    });
    expect((await check(UNSET, 'delete-alternate-contact', OLD, OLD, PUT)).readiness).toEqual({
      state: 'refused',
      reason: 'the settings do not remove the security contact of a',
    });
    expect(
      (
        await check(UNSET, 'delete-alternate-contact', OLD, OLD, {
          ous: OUS,
          accounts: { a: { organizationalUnit: 'Sandbox' } },
        })
      ).readiness,
    ).toEqual({
      state: 'refused',
      reason: 'the settings do not remove the security contact of a',
    });
  });
});
