import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkflowEvent } from '../../engine/src/adapters/github/workflow-event.js';

const dir = mkdtempSync(join(tmpdir(), 'spa-event-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the event of a workflow run', () => {
  it('reads the payload the runner wrote, with the name and commit of the run', () => {
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify({ pull_request: { number: 7 } }));
    expect(readWorkflowEvent({ name: 'pull_request', sha: 'abc', path }, () => undefined)).toEqual({
      name: 'pull_request',
      sha: 'abc',
      payload: { pull_request: { number: 7 } },
    });
  });

  it('is an empty payload when the runner names no file, or a file that does not exist, which it says', () => {
    const said: string[] = [];
    expect(
      readWorkflowEvent({ name: undefined, sha: undefined, path: undefined }, (t) => said.push(t)),
    ).toEqual({
      name: '',
      sha: '',
      payload: {},
    });
    const missing = join(dir, 'missing.json');
    expect(readWorkflowEvent({ name: 'push', sha: 'm', path: missing }, (t) => said.push(t)).payload).toEqual(
      {},
    );
    expect(said).toEqual([`GITHUB_EVENT_PATH ${missing} does not exist`]);
  });

  it('refuses a payload that is not a JSON object', () => {
    const path = join(dir, 'list.json');
    writeFileSync(path, '[1]');
    expect(() => readWorkflowEvent({ name: 'push', sha: 'm', path }, () => undefined)).toThrow(
      'is not a JSON object',
    );
    writeFileSync(path, '{');
    expect(() => readWorkflowEvent({ name: 'push', sha: 'm', path }, () => undefined)).toThrow('is not JSON');
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readWorkflowEvent({ name: 'push', sha: 'm', path: fifo }, () => undefined)).toThrow(
      'is a FIFO (named pipe), not a regular file',
    );
  });
});
