import { EngineError } from '../domain/errors.js';

/** A calendar month, UTC. */
export interface Month {
  year: number;
  /** 1..12 */
  month: number;
}

/** The day of the next month from which Cost Explorer's figures of a month are taken as final (issue #84). */
export const FINAL_DAY = 14;

export function parseMonth(text: string): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12)
    throw new EngineError('bad-month', `--month "${text}" is not a month`, {
      source: 'user',
      hint: 'write the year and the month as YYYY-MM, such as 2026-10',
    });
  return { year: Number(m[1]), month };
}

export function formatMonth(m: Month): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

export function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The first day of the month, as Cost Explorer writes dates. */
export function firstDay(m: Month): string {
  return `${formatMonth(m)}-01`;
}

/** Cost Explorer's window of a month: [1st, 1st of the next month), the end excluded. */
export function monthWindow(m: Month): { start: string; end: string } {
  return { start: firstDay(m), end: firstDay(addMonths(m, 1)) };
}

/** The month before the one `now` is in: what the scheduled reports of days 6 and 14 are about. */
export function previousMonthOf(now: Date): Month {
  return addMonths({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 }, -1);
}

export function monthName(m: Month): string {
  return new Date(Date.UTC(m.year, m.month - 1, 1)).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export type ReportStatus = 'preliminary' | 'final';

/**
 * Cost Explorer keeps refining a month for days after it ends. A report made before the 14th of the next month
 * is preliminary (the scheduled one runs on the 6th); from the 14th on it is final and replaces the preliminary.
 */
export function reportStatus(m: Month, now: Date): { status: ReportStatus; finalFrom: string } {
  const next = addMonths(m, 1);
  const finalFrom = `${formatMonth(next)}-${String(FINAL_DAY).padStart(2, '0')}`;
  const status = now.getTime() >= Date.parse(`${finalFrom}T00:00:00Z`) ? 'final' : 'preliminary';
  return { status, finalFrom };
}

/** A month that has not started has no costs: refused rather than reported empty. */
export function checkReportable(m: Month, now: Date): void {
  if (Date.parse(`${firstDay(m)}T00:00:00Z`) > now.getTime())
    throw new EngineError('future-month', `${formatMonth(m)} has not started yet`, {
      source: 'user',
      hint: 'give a month that has begun; without --month the report is about the previous month',
    });
}
