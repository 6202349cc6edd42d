import type { AmountCell, Cell } from '../domain/report-table.js';

export type { AmountCell, Cell, Column, Row, Table } from '../domain/report-table.js';

export function isAmount(cell: Cell | undefined): cell is AmountCell {
  return typeof cell === 'object';
}
