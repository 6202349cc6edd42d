import type { Table } from '../domain/report-table.js';

/** Writes report tables as files: CSV for machines, XLSX for people (engine/src/adapters/reports). */
export interface TableWriter {
  csv(table: Table): Uint8Array;
  xlsx(table: Table): Promise<Uint8Array>;
}
