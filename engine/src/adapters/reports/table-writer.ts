import type { TableWriter } from '../../ports/table-writer.js';
import { tableToCsv } from './csv-writer.js';
import { xlsxOnWorkers } from './xlsx-pool.js';

export const fileTableWriter: TableWriter = { csv: tableToCsv, xlsx: xlsxOnWorkers() };
