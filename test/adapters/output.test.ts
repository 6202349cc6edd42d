import { describe, expect, it } from 'vitest';
import { terminalOutput } from '../../engine/src/adapters/terminal/output.js';
import { memoryOutput } from '../helpers/memory-output.js';

function terminal(color = { result: false, info: false }) {
  const streams = { stdout: '', stderr: '' };
  const out = terminalOutput(
    {
      stdout: { write: (s: string) => (streams.stdout += s) },
      stderr: { write: (s: string) => (streams.stderr += s) },
    },
    color,
    memoryOutput().progress,
  );
  return { out, streams };
}

describe('the terminal output', () => {
  it('writes results as given to stdout, and notes to stderr one line each', () => {
    const { out, streams } = terminal();
    out.result('{"a":1}');
    out.info('planned');
    out.info('two\nlines\n');
    expect(streams).toEqual({ stdout: '{"a":1}', stderr: 'planned\ntwo\nlines\n' });
  });

  it('prints annotations to stderr with the place and title they name', () => {
    const { out, streams } = terminal();
    out.error('organizationalUnit does not exist', { file: 'accounts/a.yaml', line: 4, column: 22 });
    out.warn('large plan', { title: 'SPA' });
    out.notice('from a fork');
    expect(streams.stderr).toBe(
      'accounts/a.yaml:4:22: error: organizationalUnit does not exist\nwarning: SPA: large plan\nnotice: from a fork\n',
    );
    expect(streams.stdout).toBe('');
  });

  it('drops step outputs and the job summary: a terminal has no next step', async () => {
    const { out, streams } = terminal();
    out.outputs({ apply: true });
    await out.summary('### Summary');
    expect(streams).toEqual({ stdout: '', stderr: '' });
  });

  it('colours the words of annotations only when stderr may carry colour', () => {
    const { out, streams } = terminal({ result: false, info: true });
    out.error('boom');
    expect(streams.stderr).toBe('\u001b[31merror\u001b[39m: boom\n');
  });
});
