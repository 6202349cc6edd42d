import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTree, type CliResult } from '../helpers/cli.js';
import { runtimeTree } from '../helpers/runtime.js';
import { repoRoot } from '../helpers/tree.js';

const tree = runtimeTree({ ous: { Sandbox: {} } }, '333333333301')('123456789012');

/** The built CLI in a child process, without blocking this one (its loopback listener must keep running). */
function spaChild(args: string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'engine/bin/spa.js'), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A loopback listener that accepts connections and never answers; `refused` is a port where nothing listens. */
async function endpoints(): Promise<{ silent: string; refused: string; close(): Promise<void> }> {
  const listen = async (onSocket: (s: Socket) => void) => {
    const server = createServer(onSocket);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
  };
  const sockets = new Set<Socket>();
  const silent = await listen((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const closed = await listen(() => {});
  await new Promise<void>((resolve) => closed.server.close(() => resolve()));
  return {
    silent: silent.url,
    refused: closed.url,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.server.close(() => resolve()));
    },
  };
}

const keys = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
const lines = (text: string, start: string) => text.split('\n').filter((l) => l.startsWith(start));

// The cases are independent: each runs its own process, and several wait on an AWS that never answers (up to
// a minute), so they run at once instead of one after the other.
describe.concurrent(
  'an AWS endpoint that refuses or never answers, as spa plan and spa doctor meet it',
  () => {
    let dir: string;
    let cleanup: () => void;
    let aws: Awaited<ReturnType<typeof endpoints>>;
    beforeAll(async () => {
      ({ dir, cleanup } = writeTree(tree));
      aws = await endpoints();
    });
    afterAll(async () => {
      cleanup();
      await aws.close();
    });

    it('answers a refused connection after two tries, the retry naming the endpoint', async () => {
      const r = await spaChild(['plan'], dir, { ...keys, AWS_ENDPOINT_URL: aws.refused });
      expect(r.code).toBe(3);
      expect(lines(r.stderr, 'AWS unreachable')).toEqual([
        `AWS unreachable at ${aws.refused} (ECONNREFUSED) on DescribeOrganization: retry 1/1`,
      ]);
      expect(r.stderr).toContain('spa: AWS DescribeOrganization failed after 2 attempts');
      expect(r.stderr).toContain(`fix: AWS could not be reached at ${aws.refused} (ECONNREFUSED)`);
    });

    it('spa doctor tries a refused connection once and names the endpoint', async () => {
      const r = await spaChild(['doctor'], dir, { ...keys, AWS_ENDPOINT_URL: aws.refused });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('spa: spa doctor could not reach AWS (check organization)');
      expect(r.stderr).toContain(`cause: connect ECONNREFUSED ${aws.refused.slice('http://'.length)}`);
      expect(r.stdout).toBe('');
    });

    it('says it is waiting, retries a silent endpoint only while the wait stays within SPA_AWS_UNREACHABLE_MS', async () => {
      // Requests of 3.5 s in a wait of at most 8 s: a second attempt fits (7 s), a third would not.
      const env = {
        ...keys,
        AWS_ENDPOINT_URL: aws.silent,
        SPA_AWS_TIMEOUT_MS: '3500',
        SPA_AWS_UNREACHABLE_MS: '8000',
      };
      const r = await spaChild(['plan'], dir, env);
      expect(r.code).toBe(3);
      const waiting = lines(r.stderr, 'waiting for AWS');
      expect(waiting.length).toBe(2);
      for (const line of waiting)
        expect(line).toBe(`waiting for AWS at ${aws.silent} (DescribeOrganization): no answer after 3 s`);
      expect(lines(r.stderr, 'AWS unreachable')).toEqual([
        `AWS unreachable at ${aws.silent} (no answer in time) on DescribeOrganization: retry 1/11`,
      ]);
      expect(r.stderr).toContain('spa: AWS DescribeOrganization failed after 2 attempts: TimeoutError');
    });

    it('gives up a silent endpoint after one request by default, so the run ends within a minute', async () => {
      // The default request timeout (30 s) leaves no room for a second request in the default wait (60 s).
      const [plan, doctor] = await Promise.all([
        spaChild(['plan'], dir, { ...keys, AWS_ENDPOINT_URL: aws.silent }),
        spaChild(['doctor'], dir, { ...keys, AWS_ENDPOINT_URL: aws.silent }),
      ]);
      expect(plan.code).toBe(3);
      expect(lines(plan.stderr, 'waiting for AWS')).toEqual([
        `waiting for AWS at ${aws.silent} (DescribeOrganization): no answer after 3 s`,
      ]);
      expect(lines(plan.stderr, 'AWS unreachable')).toEqual([]);
      expect(plan.stderr).toContain('spa: AWS DescribeOrganization failed after 1 attempt: TimeoutError');
      expect(doctor.code).toBe(3);
      expect(lines(doctor.stderr, 'waiting for AWS')).toEqual([
        `waiting for AWS at ${aws.silent} (DescribeOrganization): no answer after 3 s`,
      ]);
      expect(doctor.stderr).toContain('spa: spa doctor could not reach AWS (check organization)');
    }, 90_000);
  },
);

// Run at once as well, beside the waits above.
describe.concurrent('every command that calls AWS, without credentials', () => {
  let dir: string;
  let home: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = writeTree(tree));
    home = mkdtempSync(join(tmpdir(), 'spa-home-'));
  });
  afterAll(() => {
    cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  it.each([
    'plan',
    'doctor',
    'publish',
    'accounts list',
    'accounts check',
    'accounts reset 123456789012',
    'report inventory',
    'report activities',
    'runtime local',
  ])('spa %s names what is missing and how to give it, with no stack', async (command) => {
    // Nothing listens at the endpoint: a command that went past the credentials would fail otherwise.
    const r = await spaChild(command.split(' '), dir, {
      HOME: home,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^spa: no AWS credentials were found \(calling [A-Za-z]+\)$/m);
    for (const way of [
      'AWS_PROFILE',
      'aws sso login',
      'AWS_ACCESS_KEY_ID',
      'aws-actions/configure-aws-credentials',
    ])
      expect(r.stderr).toContain(way);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
