import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileSlug, fileSlugs } from '../../engine/src/reports/file-names.js';
import { addMonths, monthWindow, parseMonth, previousMonthOf, reportStatus } from '../../engine/src/reports/month.js';
import { costFiles } from '../../engine/src/reports/costs/paths.js';

describe('file names of cost centers', () => {
  it('keep a safe name as it is and add a short hash to any other', () => {
    expect(fileSlug('CC-TRAINING')).toBe('CC-TRAINING');
    expect(fileSlug('=1+1')).toMatch(/^1-1-[0-9a-f]{8}$/);
    expect(fileSlug('Café Marketing/EMEA')).toMatch(/^Cafe-Marketing-EMEA-[0-9a-f]{8}$/);
    expect(fileSlug('../../etc/passwd')).toMatch(/^etc-passwd-[0-9a-f]{8}$/);
    expect(fileSlug('CON')).toMatch(/^CON-[0-9a-f]{8}$/);
    expect(fileSlug('')).toMatch(/^x-[0-9a-f]{8}$/);
    expect(fileSlug('a'.repeat(200)).length).toBeLessThanOrEqual(69);
  });

  it('are safe and distinct for any texts, also on file systems that ignore case', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 80 }), { maxLength: 20 }), (texts) => {
        const slugs = fileSlugs([...texts, ...texts]);
        const values = texts.map((t) => slugs.get(t)!);
        for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
        expect(new Set(values.map((v) => v.toLowerCase())).size).toBe(texts.length);
      }),
    );
    const both = fileSlugs(['cc-a', 'CC-A']);
    expect(both.get('cc-a')).not.toBe('cc-a');
    expect(both.get('CC-A')).not.toBe('CC-A');
  });

  it('start with the month, below reports/costs/<yyyy>/<yyyy-mm>/', () => {
    const f = costFiles(parseMonth('2026-10'));
    expect(f.summary('xlsx')).toBe('2026-10-summary.xlsx');
    expect(f.services('CC-A', 'csv')).toBe('cost-centers/2026-10-CC-A-services.csv');
  });
});

describe('months', () => {
  it("have Cost Explorer's window [1st, 1st of the next month), across years", () => {
    expect(monthWindow(parseMonth('2026-12'))).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(addMonths(parseMonth('2026-01'), -1)).toEqual({ year: 2025, month: 12 });
    expect(previousMonthOf(new Date('2027-01-06T07:00:00Z'))).toEqual({ year: 2026, month: 12 });
  });

  it('are preliminary until the 14th of the next month, final from then on', () => {
    const m = parseMonth('2026-10');
    expect(reportStatus(m, new Date('2026-11-06T07:00:00Z'))).toEqual({ status: 'preliminary', finalFrom: '2026-11-14' });
    expect(reportStatus(m, new Date('2026-11-13T23:59:59Z')).status).toBe('preliminary');
    expect(reportStatus(m, new Date('2026-11-14T00:00:00Z')).status).toBe('final');
    expect(reportStatus(m, new Date('2026-10-20T00:00:00Z')).status).toBe('preliminary');
  });

  it('refuse what is not a month', () => {
    for (const bad of ['2026-13', '2026-1', '26-10', '2026-00', 'October'])
      expect(() => parseMonth(bad), bad).toThrow('is not a month');
  });
});
