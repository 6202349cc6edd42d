import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

/** Makes sure .venv holds moto (engine/scripts/setup-emulator.sh: pinned from PyPI, else the machine's). */
export function ensureMoto(): string {
  const python = join(root, '.venv', 'bin', 'python');
  if (!existsSync(python)) {
    const r = spawnSync(join(root, 'engine/scripts/setup-emulator.sh'), {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0)
      throw new Error('the AWS emulator could not be installed (engine/scripts/setup-emulator.sh)');
  }
  return python;
}

export interface MotoOptions {
  /**
   * Python's collector never runs its full collections (those of the oldest generation) in moto. Each full
   * collection walks every object moto keeps, so that with thousands of accounts every call slows down as the
   * organization grows; the young collections still reclaim the cycles that calls leave. For benchmarks.
   */
  noFullCollections?: boolean;
}

/** Starts moto in server mode on a free loopback port, and waits until it answers. */
export async function startMoto(options: MotoOptions = {}): Promise<Moto> {
  const python = ensureMoto();
  const server = options.noFullCollections
    ? [
        '-c',
        "import gc, runpy; gc.set_threshold(700, 10, 2**31 - 1); runpy.run_module('moto.server', run_name='__main__', alter_sys=True)",
      ]
    : ['-m', 'moto.server'];
  const child: ChildProcess = spawn(python, [...server, '-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  process.once('exit', () => child.kill('SIGKILL'));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`moto did not start in 30 s:\n${output}`)), 30_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto exited (${code}):\n${output}`));
    });
  });
  // Drain the output so that the server never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${endpoint}/moto-api/config`);
      if (r.ok) break;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, stop };
}
