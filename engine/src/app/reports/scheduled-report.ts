import { EngineError } from '../../domain/errors.js';
import type { PublishedSettings } from '../../ports/runtime-settings.js';
import { addMonths, checkReportable, parseMonth, previousMonthOf, type Month } from '../../reports/month.js';
import {
  REPORT_KINDS,
  type ReportRunPorts,
  type ReportKind,
  type ReportRun,
} from './report-deps.js';
import { runActivitiesReport, runCostReport, runInventoryReport } from './run-reports.js';

/** What a schedule asks: a report, and its month (YYYY-MM, `previous` by default, or `current`). */
export interface ReportRequest {
  report: ReportKind;
  month: string;
}

export function parseReportEvent(event: unknown): ReportRequest {
  const e = (event ?? {}) as { report?: unknown; month?: unknown };
  const report = e.report;
  const month = e.month ?? 'previous';
  if (typeof report !== 'string' || !(REPORT_KINDS as readonly string[]).includes(report))
    throw new EngineError('bad-report-event', `the event asks for report ${JSON.stringify(report)}`, {
      source: 'user',
      hint: `give "report": one of ${REPORT_KINDS.join(', ')}`,
    });
  if (typeof month !== 'string' || !/^(previous|current|\d{4}-\d{2})$/.test(month))
    throw new EngineError('bad-report-event', `the event asks for month ${JSON.stringify(month)}`, {
      source: 'user',
      hint: 'give "month": YYYY-MM, "previous" (the default) or "current"',
    });
  return { report: report as ReportKind, month };
}

export function monthOf(request: ReportRequest, now: Date): Month {
  if (request.month === 'previous') return previousMonthOf(now);
  if (request.month === 'current') return addMonths(previousMonthOf(now), 1);
  return parseMonth(request.month);
}

/** Runs the report a schedule asks for, with the settings published now. */
export function runScheduledReport(
  request: ReportRequest,
  now: Date,
  published: PublishedSettings,
  deps: ReportRunPorts,
): Promise<ReportRun> {
  if (request.report === 'inventory') return runInventoryReport(published.index, now, deps);
  const month = monthOf(request, now);
  checkReportable(month, now);
  return request.report === 'costs'
    ? runCostReport(month, now, deps, published.index)
    : runActivitiesReport(month, now, deps, published.index);
}
