import { parentPort } from 'node:worker_threads';
import type { Table } from '../../reports/table.js';
import { tableToXlsx } from './xlsx-writer.js';

/** A worker thread of the XLSX pool: writes each table it is sent and sends the workbook's bytes back. */
const port = parentPort;
port?.on('message', (message: { id: number; table: Table }) => {
  tableToXlsx(message.table).then(
    (bytes) => {
      // A copy of its own: a small Buffer shares Node's pool, which cannot be transferred.
      const own = new Uint8Array(bytes);
      port.postMessage({ id: message.id, bytes: own }, [own.buffer]);
    },
    (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
