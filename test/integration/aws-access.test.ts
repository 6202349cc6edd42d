import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAccessFailure } from '../../engine/src/adapters/aws/caller-identity.js';
import type { Plan } from '../../engine/src/plan/types.js';
import { spa, spaProcess, writeTree } from '../helpers/cli.js';
import { minimalFor, startEmulator, workspace, type Emulator } from '../helpers/org.js';
import { minimalTree } from '../helpers/tree.js';

/** A loopback server that accepts connections and never answers: an AWS endpoint gone silent. */
async function silentServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port where nothing listens: connections are refused. */
async function refusedEndpoint(): Promise<string> {
  const server = await silentServer();
  await server.close();
  return server.endpoint;
}

const settings = minimalTree({ ous: { Sandbox: {} } });
const staticKeys = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'us-east-1',
};

describe('AWS that does not answer', () => {
  it('ends spa plan with exit 3 and the operation named when the endpoint never answers', async () => {
    const server = await silentServer();
    const { dir, cleanup } = writeTree(settings);
    try {
      const r = await spa(['plan'], {
        cwd: dir,
        env: {
          ...staticKeys,
          AWS_ENDPOINT_URL: server.endpoint,
          SPA_AWS_TIMEOUT_MS: '300',
          SPA_AWS_MAX_ATTEMPTS: '2',
          SPA_AWS_RETRY_BASE_MS: '10',
        },
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('spa: AWS DescribeOrganization failed after 2 attempts: TimeoutError');
      expect(r.stderr).toContain(
        `AWS unreachable at ${server.endpoint} (no answer in time) on DescribeOrganization: retry 1/1`,
      );
      expect(r.stderr).toContain(`fix: AWS could not be reached at ${server.endpoint} (no answer in time)`);
    } finally {
      cleanup();
      await server.close();
    }
  });

  it('tries a refused connection twice whatever SPA_AWS_MAX_ATTEMPTS allows, then fails with exit 3', async () => {
    const { dir, cleanup } = writeTree(settings);
    const endpoint = await refusedEndpoint();
    try {
      const r = await spa(['plan', '--format', 'json'], {
        cwd: dir,
        env: {
          ...staticKeys,
          AWS_ENDPOINT_URL: endpoint,
          SPA_AWS_MAX_ATTEMPTS: '4',
          SPA_AWS_RETRY_BASE_MS: '10',
        },
      });
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      const notices = r.stderr.split('\n').filter((l) => l.startsWith('AWS unreachable'));
      expect(notices).toEqual([
        `AWS unreachable at ${endpoint} (ECONNREFUSED) on DescribeOrganization: retry 1/1`,
      ]);
      expect(r.stderr).toContain('spa: AWS DescribeOrganization failed after 2 attempts');
    } finally {
      cleanup();
    }
  });
});

describe('credentials', () => {
  it('names the ways to give credentials when there are none', async () => {
    const home = mkdtempSync(join(tmpdir(), 'spa-home-'));
    const { dir, cleanup } = writeTree(settings);
    try {
      const r = spaProcess(['plan'], dir, {
        HOME: home,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL: await refusedEndpoint(),
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('spa: no AWS credentials were found (calling DescribeOrganization)');
      for (const way of [
        'AWS_PROFILE',
        'aws sso login',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'aws-actions/configure-aws-credentials',
      ])
        expect(r.stderr).toContain(way);
      expect(r.stderr).not.toContain('see the message of AWS above');
    } finally {
      cleanup();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("classifies the AccessDenied that AWS answers a member account like the emulator's refusal", async () => {
    // moto answers a member account ParentNotFoundException (tested below); AWS answers AccessDeniedException.
    const denied = Object.assign(new Error("You don't have permissions to access this resource."), {
      name: 'AccessDeniedException',
    });
    const member = { account: '210987654321', arn: 'arn:aws:iam::210987654321:user/dev' };
    const error = await explainAccessFailure('ListRoots', denied, '123456789012', () =>
      Promise.resolve(member),
    );
    expect(error?.message).toBe(
      'the credentials are those of account 210987654321 (arn:aws:iam::210987654321:user/dev), not of the management account 123456789012; ListRoots answered AccessDeniedException',
    );
    const management = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ops' };
    expect(
      await explainAccessFailure('ListRoots', denied, '123456789012', () => Promise.resolve(management)),
    ).toBeUndefined();
  });
});

describe('against the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('says the credentials are those of a member account, and which one', async () => {
    const ws = await workspace(
      emulator,
      { ous: ['Sandbox'], accounts: [{ name: 'member', email: 'member@example.com', ou: 'Sandbox' }] },
      minimalFor({ ous: { Sandbox: {} } }),
    );
    try {
      const member = ws.seeded.accountIds.get('member@example.com')!;
      ws.write(
        'settings.yaml',
        ws
          .read('settings.yaml')
          .replace(`${ws.managementAccountId}:role/SpaEngine`, `${member}:role/SpaEngine`),
      );
      const r = await ws.spa(['plan']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `^spa: the credentials are those of account ${member} \\(arn:aws:sts::${member}:assumed-role/SpaEngine/spa-engine\\), not of the management account ${ws.managementAccountId}; List\\w+ answered ParentNotFoundException$`,
          'm',
        ),
      );
      expect(r.stderr).toContain(
        `set aws.managementRoleArn in settings.yaml to a role of account ${ws.managementAccountId}`,
      );
    } finally {
      ws.cleanup();
    }
  });

  it('shows the progress of reading the organization on stderr, never on stdout', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `user-${i}`);
    const ws = await workspace(
      emulator,
      {
        ous: ['Sandbox'],
        accounts: names.map((n) => ({ name: n, email: `${n}@example.com`, ou: 'Sandbox' })),
      },
      minimalFor({ ous: { Sandbox: { managed: true } } }),
    );
    try {
      const r = await ws.spa(['plan', '--format', 'json'], { SPA_PROGRESS_INTERVAL_MS: '0' });
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as Plan).changes.length).toBeGreaterThan(0);
      // The 30 accounts, the management account, and the Sandbox OU, whose file declares it.
      expect(r.stderr).toContain('reading the organization: 31 accounts found in 1 OU');
      expect(r.stderr).toContain('reading the organization: 32/32 accounts and OUs read (100%)');
      expect(r.stdout).not.toContain('reading the organization');
    } finally {
      ws.cleanup();
    }
  });
});
