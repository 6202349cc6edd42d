import type { TableWriter } from '../../ports/table-writer.js';
import { tableToCsv } from './csv-writer.js';
import { tableToXlsx } from './xlsx-writer.js';

export const fileTableWriter: TableWriter = { csv: tableToCsv, xlsx: tableToXlsx };
