import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack } from '../support/seed.js';
import { barrier, type Barrier } from '../helpers/barrier.js';
import { repoRoot } from '../helpers/tree.js';
import { minimalFor, startEmulator, workspace, type Emulator, type Workspace } from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SEED = { ous: ['Sandbox'], accounts: [] };
const SETTINGS: MinimalTree = {
  defaults: { budget: { amount: 100 } },
  ous: { Sandbox: { managed: true } },
  accounts: { d: { organizationalUnit: 'Sandbox' }, e: { organizationalUnit: 'Sandbox' } },
};

/**
 * CreateAccount is held at the gateway until the test lets it go: the apply that makes it is inside its lock (taken,
 * and released on Ctrl-C) and keeps it meanwhile. A held call never reaches moto (its caller may be gone by then).
 */
function holdCreates(): { next(): Promise<void>; release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived: (() => void) | undefined;
  emulator.gateway.setIntercept('CreateAccount', async () => {
    arrived?.();
    await released;
    return { CreateAccountStatus: { State: 'FAILED', FailureReason: 'INTERNAL_FAILURE' } };
  });
  return {
    /** Resolves when the next CreateAccount arrives. */
    next: () => new Promise<void>((resolve) => (arrived = resolve)),
    release() {
      emulator.gateway.setIntercept('CreateAccount', undefined);
      release();
    },
  };
}

async function copies(ws: Workspace): Promise<{ accounts: number[]; budgets: number }> {
  const aws = await readBack(ws.aws);
  return {
    accounts: ['d', 'e'].map((n) => aws.accounts.filter((a) => a.email === `${n}@example.com`).length),
    budgets: aws.budgets.length,
  };
}

/** The built spa in a child process, to kill or interrupt it. */
function applyProcess(ws: Workspace): ReturnType<typeof spawn> {
  return spawn(
    process.execPath,
    [join(repoRoot, 'engine/bin/spa.js'), 'apply', 'plan.json', '--allow-large'],
    {
      cwd: ws.dir,
      // One write at a time: held at its first CreateAccount, the process makes no other.
      env: { PATH: process.env.PATH ?? '', ...ws.env, SPA_AWS_WRITE_CONCURRENCY: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

async function lockTable(ws: Workspace, name: string): Promise<DynamoDBClient> {
  const db = new DynamoDBClient({
    endpoint: emulator.gateway.endpoint,
    region: 'eu-west-1',
    credentials: ws.aws.credentials,
  });
  await db.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: 'lockId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'lockId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return db;
}

describe('one apply at a time per organization', () => {
  it('never creates an account or a budget twice when two applies of one plan start together', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    let start: Barrier | undefined;
    try {
      await ws.plan();
      // Both applies have read the organization's identity, their last call before the lock, when either goes on.
      start = barrier(emulator.gateway, 'DescribeOrganization', 2);
      // The apply that takes the lock creates nothing until the other has ended, so the two overlap whatever the
      // load. Should both get past the lock, the second creation of one email lets them go on, to fail below.
      let oneEnded!: () => void;
      const ended = new Promise<void>((resolve) => (oneEnded = resolve));
      const emails = new Set<string>();
      emulator.gateway.setIntercept('CreateAccount', async ({ input }) => {
        if (emails.has(String(input.Email))) oneEnded();
        emails.add(String(input.Email));
        await ended;
        return undefined;
      });
      const apply = () => ws.apply(['--allow-large']).finally(oneEnded);
      const [one, two] = await Promise.all([apply(), apply()]);
      await start.reached;
      const outcomes = [one.outcome, two.outcome].map((o) => o.refusal?.code ?? o.outcome).sort();
      expect(outcomes).toEqual(['applied', 'locked']);
      const refused = [one, two].find((r) => r.outcome.refusal)!;
      expect(refused.result.code).toBe(1);
      expect(refused.result.stderr).toMatch(
        /another apply holds the lock of this organization .*spa unlock --force/s,
      );
      expect(await copies(ws)).toEqual({ accounts: [1, 1], budgets: 2 });
      // Once the first is done, the same plan again finds everything in place.
      const again = await ws.apply(['--allow-large']);
      expect(again.outcome.summary).toMatchObject({ applied: 0, failed: 0 });
      expect(await copies(ws)).toEqual({ accounts: [1, 1], budgets: 2 });
    } finally {
      start?.remove();
      emulator.gateway.setIntercept('CreateAccount', undefined);
      ws.cleanup();
    }
  });

  it('locks across machines through a DynamoDB table: a killed run is unlocked by spa unlock --force', async () => {
    const table = 'spa-apply-lock';
    const ws = await workspace(
      emulator,
      SEED,
      minimalFor({ ...SETTINGS, settings: { runtime: { applyLockTable: table } } }),
    );
    try {
      const db = await lockTable(ws, table);
      const { plan } = await ws.plan();
      const creates = holdCreates();
      const inside = creates.next();
      const child = applyProcess(ws);
      await inside;
      const key = { lockId: { S: `apply#${plan.organizationId}` } };
      expect((await db.send(new GetItemCommand({ TableName: table, Key: key }))).Item).toBeDefined();
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      creates.release();

      const held = await ws.apply(['--allow-large']);
      expect(held.outcome.refusal?.code).toBe('locked');
      expect(held.outcome.refusal?.lock?.owner).toContain('pid');
      const id = held.outcome.refusal!.lock!.id;
      expect((await ws.spa(['unlock', id])).code).toBe(1);
      expect((await ws.spa(['unlock', '--force', 'no-such-lock'])).code).toBe(1);
      const unlocked = await ws.spa(['unlock', '--force', id]);
      expect(unlocked.code).toBe(0);
      expect(unlocked.stderr).toContain(`removed the apply lock ${id}`);

      await ws.plan();
      const done = await ws.apply(['--allow-large']);
      expect(done.outcome.outcome).toBe('applied');
      expect((await copies(ws)).accounts).toEqual([1, 1]);
      const after = await db.send(new GetItemCommand({ TableName: table, Key: key }));
      expect(after.Item).toBeUndefined();
    } finally {
      emulator.gateway.setIntercept('CreateAccount', undefined);
      ws.cleanup();
    }
  });

  it('releases its lock when interrupted (Ctrl-C), and a lock left by a killed process on this machine is taken over', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      const { plan } = await ws.plan();
      const lockFile = join(tmpdir(), `spa-apply-${plan.organizationId}.lock`);
      const creates = holdCreates();
      let inside = creates.next();
      const interrupted = applyProcess(ws);
      await inside;
      expect(existsSync(lockFile)).toBe(true);
      interrupted.kill('SIGINT');
      const code = await new Promise((r) => interrupted.once('exit', (c) => r(c)));
      expect(code).toBe(130);
      expect(existsSync(lockFile)).toBe(false);

      inside = creates.next();
      const killed = applyProcess(ws);
      await inside;
      killed.kill('SIGKILL');
      await new Promise((r) => killed.once('exit', r));
      expect(existsSync(lockFile)).toBe(true);
      creates.release();
      await ws.plan();
      const { outcome } = await ws.apply(['--allow-large']);
      expect(outcome.outcome).toBe('applied');
      expect(existsSync(lockFile)).toBe(false);
    } finally {
      emulator.gateway.setIntercept('CreateAccount', undefined);
      ws.cleanup();
    }
  });
});

describe('CreateAccount answering EMAIL_ALREADY_EXISTS', () => {
  it('is resolved by looking the account up when another creator won the race', async () => {
    const ws = await workspace(emulator, SEED, minimalFor(SETTINGS));
    try {
      await ws.plan();
      // The account appears at the very moment of our call: AWS would refuse it as a duplicate email.
      emulator.gateway.setIntercept('CreateAccount', async (call) => {
        const { input } = call;
        await call.forward();
        return {
          CreateAccountStatus: {
            Id: `car-${String(input.AccountName)}0000000000000000000000000`,
            AccountName: input.AccountName,
            State: 'FAILED',
            FailureReason: 'EMAIL_ALREADY_EXISTS',
            RequestedTimestamp: Date.now() / 1000,
          },
        };
      });
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(0);
      const creates = outcome.results.filter((r) => r.action === 'create-account');
      expect(creates.map((r) => [r.status, r.message])).toEqual([
        ['already-applied', expect.stringContaining('has the email d@example.com')],
        ['already-applied', expect.stringContaining('has the email e@example.com')],
      ]);
      expect(await copies(ws)).toEqual({ accounts: [1, 1], budgets: 2 });
    } finally {
      emulator.gateway.setIntercept('CreateAccount', undefined);
      ws.cleanup();
    }
  });

  it('fails the change with the reason when the email belongs to an account outside the organization', async () => {
    const ws = await workspace(
      emulator,
      SEED,
      minimalFor({ ...SETTINGS, accounts: { d: { organizationalUnit: 'Sandbox' } } }),
    );
    try {
      await ws.plan();
      emulator.gateway.setIntercept('CreateAccount', ({ input }) =>
        Promise.resolve({
          CreateAccountStatus: {
            Id: 'car-00000000000000000000000000000000',
            AccountName: input.AccountName,
            State: 'FAILED',
            FailureReason: 'EMAIL_ALREADY_EXISTS',
          },
        }),
      );
      const { result, outcome } = await ws.apply(['--allow-large']);
      expect(result.code).toBe(1);
      const create = outcome.results.find((r) => r.action === 'create-account')!;
      expect(create).toMatchObject({ status: 'failed', error: { code: 'email-already-exists' } });
      expect(create.message).toContain('belongs to an AWS account outside this organization');
      expect(
        outcome.results
          .filter((r) => r.status === 'skipped')
          .map((r) => r.action)
          .sort(),
      ).toEqual(['create-budget', 'move-account', 'start-lifecycle']);
    } finally {
      emulator.gateway.setIntercept('CreateAccount', undefined);
      ws.cleanup();
    }
  });
});
