import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalApplyLock } from '../../engine/src/adapters/fs/local-lock.js';
import type { Acquired } from '../../engine/src/ports/lock.js';

/** Runs once, in the middle of the next write of a lock: another apply that starts at that very instant. */
const duringWrite: { next?: (() => void) | undefined } = {};

vi.mock('node:fs', async (original) => {
  const real = await original<typeof fs>();
  const interleave = () => {
    const next = duringWrite.next;
    duringWrite.next = undefined;
    next?.();
  };
  return {
    ...real,
    writeSync: (...args: Parameters<typeof real.writeSync>) => {
      interleave();
      return (real.writeSync as (...a: unknown[]) => number)(...args);
    },
    writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
      interleave();
      return real.writeFileSync(...args);
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spa-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the local apply lock', () => {
  it('is held by one apply only when a second starts while the first writes its lock', async () => {
    let second: Promise<Acquired> | undefined;
    duringWrite.next = () => {
      second = new LocalApplyLock('o-race', dir).acquire('second', 60_000);
    };
    const first = await new LocalApplyLock('o-race', dir).acquire('first', 60_000);
    const both = [first, await second!];
    expect(both.filter((a) => a.acquired)).toHaveLength(1);
    const loser = both.find((a) => !a.acquired);
    const winner = both.find((a) => a.acquired);
    expect(loser && !loser.acquired && loser.heldBy.id).toBe(winner?.acquired && winner.lock.id);
    // The lock file holds the winner's lock whole; no draft is left beside it.
    const onDisk = JSON.parse(fs.readFileSync(join(dir, 'spa-apply-o-race.lock'), 'utf8')) as { id: string };
    expect(onDisk.id).toBe(winner?.acquired && winner.lock.id);
    expect(readdirSync(dir)).toEqual(['spa-apply-o-race.lock']);
  });

  it('is taken again once released, and refused while held', async () => {
    const lock = new LocalApplyLock('o-again', dir);
    const a = await lock.acquire('a', 60_000);
    expect(a.acquired).toBe(true);
    const b = await lock.acquire('b', 60_000);
    expect(b).toMatchObject({ acquired: false, heldBy: { owner: 'a' } });
    if (a.acquired) await a.release();
    expect(readdirSync(dir)).toEqual([]);
    expect((await lock.acquire('c', 60_000)).acquired).toBe(true);
  });
});
