import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startMoto, type Moto } from './moto.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The loopback address of the emulator pool (test/support/moto-pool.ts). */
    motoPool: string;
  }
}

/** Empties an emulator: every service of every account back to nothing (moto's reset endpoint). */
async function reset(moto: Moto): Promise<void> {
  const r = await fetch(`${moto.endpoint}/moto-api/reset`, { method: 'POST' });
  if (!r.ok) throw new Error(`moto did not reset: HTTP ${r.status}`);
}

/**
 * vitest's global setup: one emulator per worker, shared by the test files the worker runs one after the other.
 * A fresh moto costs a test file a second or two (its start, then loading each service at its first call); a
 * reset costs a tenth of that. The files ask this loopback pool for the emulator of their worker
 * (`POST /workers/<VITEST_POOL_ID>`): it is started at the first demand, and handed out empty every time. An
 * emulator that stopped answering is replaced. The pool stops them all when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const motos = new Map<string, Promise<Moto>>();
  const emptyEmulator = async (worker: string): Promise<Moto> => {
    const running = motos.get(worker);
    if (running) {
      const moto = await running.catch(() => undefined);
      const emptied = moto
        ? await reset(moto).then(
            () => true,
            () => false,
          )
        : false;
      if (emptied) return moto!;
      await moto?.stop();
    }
    const started = startMoto();
    motos.set(worker, started);
    return started;
  };
  const server = createServer((req, res) => {
    const worker = /^\/workers\/(\d+)$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !worker) {
      res.writeHead(404).end();
      return;
    }
    emptyEmulator(worker).then(
      (moto) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(moto.endpoint)),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('motoPool', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([...motos.values()].map((m) => m.then((moto) => moto.stop()).catch(() => undefined)));
  };
}
