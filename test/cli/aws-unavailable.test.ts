import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaProcess, writeTree } from '../helpers/cli.js';
import { runtimeTree } from '../helpers/runtime.js';

const tree = runtimeTree({ ous: { Sandbox: {} } }, '333333333301')('123456789012');

describe('every command that calls AWS, without credentials', () => {
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
  ])('spa %s names what is missing and how to give it, with no stack', (command) => {
    // Nothing listens at the endpoint: a command that went past the credentials would fail otherwise.
    const r = spaProcess(command.split(' '), dir, {
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
