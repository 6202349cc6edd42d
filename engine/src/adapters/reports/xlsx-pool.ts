import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../../domain/errors.js';
import type { Table } from '../../reports/table.js';
import { tableToXlsx } from './xlsx-writer.js';

type Reply = { id: number; bytes?: Uint8Array; error?: string };
interface Task {
  sheet: string;
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}
interface PoolWorker {
  worker: Worker;
  tasks: Map<number, Task>;
}

const SCRIPT = new URL('./xlsx-worker.js', import.meta.url);

function failure(task: Task, message: string): EngineError {
  return new EngineError('xlsx-worker-failed', `writing the workbook of sheet "${task.sheet}" failed: ${message}`, {
    source: 'system',
  });
}

function start(): PoolWorker {
  const worker = new Worker(SCRIPT);
  const entry: PoolWorker = { worker, tasks: new Map() };
  worker.on('message', (reply: Reply) => {
    const task = entry.tasks.get(reply.id);
    entry.tasks.delete(reply.id);
    // An idle worker does not keep the process alive.
    if (entry.tasks.size === 0) worker.unref();
    if (!task) return;
    if (reply.bytes) task.resolve(reply.bytes);
    else task.reject(failure(task, reply.error ?? 'no workbook'));
  });
  worker.on('error', (error) => {
    for (const task of entry.tasks.values()) task.reject(failure(task, error.message));
    entry.tasks.clear();
  });
  worker.unref();
  return entry;
}

/**
 * Writes workbooks on worker threads, one per core the main thread leaves free (at least one), so that a report's
 * workbooks are written while the next tables are built. Where the worker's script is not beside this module (a
 * bundled Lambda, the sources run by the tests), the workbook is written on the calling thread.
 */
export function xlsxOnWorkers(size = Math.max(1, Math.min(4, availableParallelism() - 1))): (table: Table) => Promise<Uint8Array> {
  if (SCRIPT.protocol !== 'file:' || !existsSync(fileURLToPath(SCRIPT))) return tableToXlsx;
  const workers: PoolWorker[] = [];
  let next = 0;
  return (table) => {
    if (workers.length < size) workers.push(start());
    const least = workers.reduce((a, b) => (b.tasks.size < a.tasks.size ? b : a));
    const id = next++;
    return new Promise<Uint8Array>((resolve, reject) => {
      least.tasks.set(id, { sheet: table.sheet, resolve, reject });
      least.worker.ref();
      least.worker.postMessage({ id, table });
    });
  };
}
