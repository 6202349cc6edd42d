/** An amount in cents, exactly (reports/money.ts computes with them). */
export type Cents = bigint;

/**
 * A report table as data, written as CSV and as XLSX by the adapters of engine/src/adapters/reports. Every
 * report (costs, activities, inventory) describes its rows here once; the writers know nothing of reports.
 */
export interface Table {
  /** The worksheet's name (at most 31 characters, no []:*?/\). */
  sheet: string;
  columns: Column[];
  rows: Row[];
}

export interface Column {
  header: string;
  /** A date column holds ISO 8601 times (UTC) as text: a spreadsheet gets dates it can sort and filter. */
  type: 'text' | 'amount' | 'date';
  /** What the column holds, for the sheet that explains each column (About). */
  description?: string;
}

/** An amount in cents. In a spreadsheet it may be a formula, whose value is `cents` all the same. */
export interface AmountCell {
  cents: Cents;
  /** SUBTOTAL(9, ...) of this column over the rows first..last (0-based row indexes, inclusive). */
  subtotalOf?: { first: number; last: number };
  /** SUM of this row over the columns first..last (0-based column indexes, inclusive). */
  sumOfColumns?: { first: number; last: number };
}

/** Text comes from settings and AWS: the writers escape it for their medium. */
export type Cell = string | AmountCell;

export interface Row {
  /** What the row is (`total`, `cost-center`, `account`...): the first column of the CSV, for machines. */
  kind: string;
  /** Outline level in a spreadsheet, 0 to 7; the rows of a group follow the summary row they belong to. */
  level: number;
  cells: Cell[];
  /** Summary rows are shown in bold. */
  bold?: boolean;
  /** Hidden at first: the group is collapsed under its summary row. */
  hidden?: boolean;
}
