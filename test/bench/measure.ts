// Runs a command in a child process and reports its wall time and peak memory (max resident set size).
import { spawnSync } from 'node:child_process';

// Loaded into the child before its code: reports the child's own peak memory when it exits.
const probe = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@maxrss '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

export function measureNode(args: string[], options: { cwd?: string } = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', probe, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...options,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const m = /@@maxrss (\d+) (\d+)/.exec(r.stderr ?? '');
  return {
    ms,
    maxRssMiB: m ? Number(m[1]) / 1024 : NaN,
    /** CPU time (user and system) of the child: steadier than wall time on a busy machine. */
    cpuMs: m ? Number(m[2]) / 1000 : NaN,
    status: r.status,
    stdout: r.stdout,
    stderr: (r.stderr ?? '').replace(/\n@@maxrss \d+ \d+\n/, ''),
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
