import { describe, expect, it } from 'vitest';
import { executeChange } from '../../engine/src/changes/registry.js';
import { EngineError } from '../../engine/src/domain/errors.js';
import type { Change } from '../../engine/src/plan/types.js';
import { applyAws, type CreationAnswer } from '../helpers/apply-aws.js';
import { observedOrganization, planOf, type FakeAccount } from '../helpers/observed.js';
import { minimalTree } from '../helpers/tree.js';

const OUS = { Sandbox: { managed: true } };
const B: FakeAccount = { id: '000000000002', name: 'b', email: 'b@example.com', ouPath: '' };

/** The create-account change of a plan for the account file b, with AWS answering `creations`. */
function creating(
  creations: CreationAnswer[],
  inProgress: { requestId: string; accountName: string }[] = [],
) {
  const tree = minimalTree({
    ous: OUS,
    accounts: { b: { organizationalUnit: 'Sandbox', tags: { team: 'x' } } },
  });
  const org = observedOrganization({ ous: ['Sandbox'], accounts: [] });
  const change = planOf(tree, org).changes.find((c) => c.action === 'create-account') as Change;
  const aws = applyAws(org, { creations, inProgress });
  return { change, org, ...aws };
}

/** Runs the change and returns the EngineError it throws. */
async function failure(run: Promise<unknown>): Promise<EngineError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('create-account: the apply step', () => {
  it('plans the account with its OU, email, tags and where each value comes from', () => {
    const { change } = creating([]);
    expect(change).toMatchObject({
      key: 'create-account:account/b',
      reason: 'missing',
      summary: 'create b (b@example.com) in Sandbox',
      target: { kind: 'account', name: 'b', email: 'b@example.com' },
      before: null,
      dependsOn: [],
      precondition: { absent: true },
    });
    expect(change.after).toMatchObject({ name: 'b', email: 'b@example.com', organizationalUnit: 'Sandbox' });
    expect((change.after as { tags: Record<string, string> }).tags).toMatchObject({ team: 'x' });
    expect(Object.keys((change.after as { tags: object }).tags)).toEqual(
      Object.keys((change.after as { tags: object }).tags).sort(),
    );
    expect(change.provenance.organizationalUnit).toMatch(/^accounts\/b\.yaml:\d+/);
    expect(change.provenance['tags.team']).toMatch(/^accounts\/b\.yaml:\d+/);
    expect(change.provenance['tags.managed-by']).toBeDefined();
  });

  it('creates the account with its tags and the mark, waits for it and returns its id', async () => {
    const { change, ctx, calls } = creating([
      { state: 'IN_PROGRESS', requestId: 'car-1' },
      { state: 'IN_PROGRESS', requestId: 'car-1' },
      { state: 'SUCCEEDED', accountId: '000000000077' },
    ]);
    const done = await executeChange(change, ctx);
    expect(done).toEqual({
      changed: true,
      message: 'created account 000000000077',
      resourceId: '000000000077',
    });
    const tags = (change.after as { tags: Record<string, string | null> }).tags;
    expect(calls).toEqual([
      ['startCreateAccount', 'b@example.com', 'b', tags],
      ['sleep', 1000],
      ['createAccountStatus', 'car-1'],
      ['sleep', 1000],
      ['createAccountStatus', 'car-1'],
    ]);
    expect(tags).toMatchObject({ team: 'x', 'managed-by': 'spa', 'spa-environment': 'SpaTest' });
    // The next change of the plan (the move) finds the new account by its email without reading AWS.
    expect(await ctx.world.accountByEmail('B@example.com')).toEqual({
      id: '000000000077',
      name: 'b',
      status: 'ACTIVE',
    });
  });

  it('writes no tag whose value is null', async () => {
    const { change, ctx, calls } = creating([{ state: 'SUCCEEDED', accountId: '000000000077' }]);
    (change.after as { tags: Record<string, string | null> }).tags.gone = null;
    await executeChange(change, ctx);
    expect(calls[0]![3]).not.toHaveProperty('gone');
    expect(calls[0]![3]).toHaveProperty('team', 'x');
  });

  it('does not create an account whose email an account has already', async () => {
    const { change, ctx, calls, org } = creating([]);
    org.accounts.push({ ...B, status: 'ACTIVE', parentId: 'r-root', tags: {} });
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'account 000000000002 has the email b@example.com',
      resourceId: '000000000002',
    });
    expect(calls).toEqual([]);
  });

  it('picks up the creation in progress under its name instead of sending CreateAccount again', async () => {
    const { change, ctx, calls } = creating(
      [{ state: 'SUCCEEDED', accountId: '000000000077' }],
      [
        { requestId: 'car-other', accountName: 'c' },
        { requestId: 'car-9', accountName: 'b' },
      ],
    );
    expect((await executeChange(change, ctx)).resourceId).toBe('000000000077');
    expect(calls).toEqual([
      ['sleep', 1000],
      ['createAccountStatus', 'car-9'],
    ]);
  });

  it('gives up waiting after the timeout, saying the creation is picked up on the next run', async () => {
    const answers = Array.from({ length: 10 }, () => ({ state: 'IN_PROGRESS' as const, requestId: 'car-1' }));
    const { change, ctx, calls } = creating(answers);
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('create-timeout');
    expect(error.message).toBe('the creation of b is still in progress after 5 s');
    expect(error.hint).toBe('run plan and apply again later: the creation is picked up where it is');
    expect(error.source).toBe('system');
    // 5 s at 1 s a poll: six waits, the last one past the deadline.
    expect(calls.filter((c) => c[0] === 'sleep')).toHaveLength(6);
  });

  it('retries a failed call after looking for the account again, waiting longer each time', async () => {
    const { change, ctx, calls } = creating([
      new Error('throttled'),
      new Error('throttled'),
      { state: 'SUCCEEDED', accountId: '000000000077' },
    ]);
    expect(await executeChange(change, ctx)).toMatchObject({ changed: true, resourceId: '000000000077' });
    expect(calls.map((c) => c[0] + (c[0] === 'sleep' ? ` ${String(c[1])}` : ''))).toEqual([
      'startCreateAccount',
      'sleep 1000',
      'startCreateAccount',
      'sleep 2000',
      'startCreateAccount',
    ]);
  });

  it('finds the account a failed call created after all, and says it changed AWS', async () => {
    const { change, ctx, org } = creating([new Error('lost answer')]);
    const first = ctx.world.reader.accountsByEmail.bind(ctx.world.reader);
    let reads = 0;
    ctx.world.reader.accountsByEmail = () => {
      if (++reads === 2) org.accounts.push({ ...B, status: 'ACTIVE', parentId: 'r-root', tags: {} });
      return first();
    };
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'account 000000000002 has the email b@example.com',
      resourceId: '000000000002',
    });
  });

  it('stops after 5 failed calls, keeping the last error as the cause', async () => {
    const last = new Error('five');
    const errors = [1, 2, 3, 4].map((n) => new Error(String(n)));
    const { change, ctx, calls } = creating([...errors, last]);
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('create-account-failed');
    expect(error.message).toBe('the creation of b failed 5 times');
    expect(error.cause).toBe(last);
    expect(calls.filter((c) => c[0] === 'startCreateAccount')).toHaveLength(5);
    expect(calls.filter((c) => c[0] === 'sleep').map((c) => c[1])).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('reports why AWS could not create the account', async () => {
    const { change, ctx } = creating([{ state: 'FAILED', reason: 'ACCOUNT_LIMIT_EXCEEDED' }]);
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('create-account-failed');
    expect(error.message).toBe('AWS could not create b: ACCOUNT_LIMIT_EXCEEDED');
    expect(error.source).toBe('system');
  });

  it('takes EMAIL_ALREADY_EXISTS for the account another run created', async () => {
    const { change, ctx, org } = creating([{ state: 'FAILED', reason: 'EMAIL_ALREADY_EXISTS' }]);
    const start = ctx.writer.startCreateAccount.bind(ctx.writer);
    ctx.writer.startCreateAccount = async (...args) => {
      const outcome = await start(...args);
      org.accounts.push({ ...B, status: 'ACTIVE', parentId: 'r-root', tags: {} });
      return outcome;
    };
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'account 000000000002 has the email b@example.com',
      resourceId: '000000000002',
    });
  });

  it('refuses an email that belongs to an account outside the organization, naming the file to fix', async () => {
    const { change, ctx } = creating([{ state: 'FAILED', reason: 'EMAIL_ALREADY_EXISTS' }]);
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('email-already-exists');
    expect(error.message).toBe(
      'AWS refuses to create b: the email b@example.com belongs to an AWS account outside this organization',
    );
    expect(error.source).toBe('user');
    expect(error.hint).toBe(
      'give accounts/b.yaml another email, or invite that account into the organization',
    );
  });

  it('names the account file in general when the change does not say which it is', async () => {
    const { change, ctx } = creating([{ state: 'FAILED', reason: 'EMAIL_ALREADY_EXISTS' }]);
    delete (change.target as { file?: string }).file;
    const error = await failure(executeChange(change, ctx));
    expect(error.hint).toBe(
      'give the account file another email, or invite that account into the organization',
    );
  });
});
