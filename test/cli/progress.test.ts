import { describe, expect, it } from 'vitest';
import { progress } from '../../engine/src/entrypoints/cli/progress.js';
import type { CliIo } from '../../engine/src/entrypoints/cli/io.js';

/** A command's streams, and a clock the test moves by hand. */
function streams(tty: boolean, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  let time = 1_000_000;
  const io: CliIo = {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: tty },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: tty },
    cwd: '/',
    env,
  };
  return { io, out, now: () => time, advance: (ms: number) => (time += ms) };
}

describe('progress on a terminal', () => {
  it('is one line rewritten in place, with the count, the total and the time left', () => {
    const s = streams(true);
    const p = progress(s.io, { now: s.now });
    p.count('reading the organization', 0, 2000, 'accounts and OUs read');
    s.advance(2000);
    p.count('reading the organization', 500, 2000, 'accounts and OUs read');
    s.advance(50);
    p.count('reading the organization', 510, 2000, 'accounts and OUs read');
    p.done();
    expect(s.out.stderr.split('\r\u001b[2K')).toEqual([
      '',
      'reading the organization: 0/2,000 accounts and OUs read (0%)',
      'reading the organization: 500/2,000 accounts and OUs read (25%), about 6 s left',
      '',
    ]);
    expect(s.out.stderr).not.toContain('\n');
    expect(s.out.stdout).toBe('');
  });

  it('prints a notice above the line, then draws the line again', () => {
    const s = streams(true);
    const p = progress(s.io, { now: s.now });
    p.update('reading the budgets...');
    p.note('AWS unreachable at https://budgets.amazonaws.com (ECONNREFUSED) on DescribeBudgets: retry 1/1');
    expect(s.out.stderr).toBe(
      '\r\u001b[2Kreading the budgets...\r\u001b[2KAWS unreachable at https://budgets.amazonaws.com (ECONNREFUSED) on DescribeBudgets: retry 1/1\n\r\u001b[2Kreading the budgets...',
    );
  });
});

describe('progress in a log (not a terminal)', () => {
  it('prints nothing during the first interval, then a line at most every interval', () => {
    const s = streams(false);
    const p = progress(s.io, { now: s.now, intervalMs: 5000 });
    for (let i = 1; i <= 30; i++) {
      s.advance(1000);
      p.count('reading the organization', i * 10, undefined, 'accounts found in 3 OUs');
    }
    p.done();
    expect(s.out.stderr.split('\n').filter(Boolean)).toEqual([
      'reading the organization: 50 accounts found in 3 OUs',
      'reading the organization: 100 accounts found in 3 OUs',
      'reading the organization: 150 accounts found in 3 OUs',
      'reading the organization: 200 accounts found in 3 OUs',
      'reading the organization: 250 accounts found in 3 OUs',
      'reading the organization: 300 accounts found in 3 OUs',
    ]);
    expect(s.out.stderr).not.toContain('\r');
    expect(s.out.stdout).toBe('');
  });

  it('takes its interval from SPA_PROGRESS_INTERVAL_MS', () => {
    const s = streams(false, { SPA_PROGRESS_INTERVAL_MS: '0' });
    const p = progress(s.io, { now: s.now });
    p.update('checking the plan against AWS: 1/2');
    p.update('checking the plan against AWS: 2/2');
    expect(s.out.stderr).toBe('checking the plan against AWS: 1/2\nchecking the plan against AWS: 2/2\n');
  });
});
