import cronValidateModule from 'cron-validate';
import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import { interopDefault } from '../domain/interop.js';
import type { PositionIndex } from '../domain/source.js';
import { siteOf } from './locate.js';
import { quote } from './message-words.js';

type CronValidate = typeof cronValidateModule.default;
const cronValidate = interopDefault(
  cronValidateModule as unknown as CronValidate | { default: CronValidate },
);

export type ScheduleCheck = { ok: true } | { ok: false; reason: string };

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;

/** Checks an EventBridge schedule expression: `cron(6 fields)` or `rate(value unit)`. */
export function checkSchedule(expression: string): ScheduleCheck {
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    const fields = (cron[1] ?? '').trim().split(/\s+/);
    if (fields.length !== 6) {
      return {
        ok: false,
        reason: `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
      };
    }
    const result = cronValidate(fields.join(' '), { preset: 'aws-cloud-watch' });
    if (result.isValid()) return { ok: true };
    const errors = result.getError();
    return {
      ok: false,
      reason: (errors[0] ?? 'invalid cron expression').replace(/ \(Input cron: .*\)$/, ''),
    };
  }
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] ?? '';
    if (value <= 0) return { ok: false, reason: 'the rate must be positive' };
    if (value === 1 && unit.endsWith('s'))
      return { ok: false, reason: `write rate(1 ${unit.slice(0, -1)}) for a value of 1` };
    if (value > 1 && !unit.endsWith('s'))
      return { ok: false, reason: `write rate(${value} ${unit}s) for a value above 1` };
    return { ok: true };
  }
  return { ok: false, reason: 'expected cron(...) or rate(...)' };
}

/** The maintenance window at `pointer` of a file (settings.yaml or an OU file): a diagnostic when it is invalid. */
export function checkScheduleAt(
  file: string,
  positions: PositionIndex,
  pointer: string,
  expression: string,
  out: Diagnostic[],
): void {
  const result = checkSchedule(expression);
  if (result.ok) return;
  out.push(
    diagnostic(siteOf(file, positions, pointer), {
      code: 'invalid-schedule',
      summary: `maintenanceWindow ${quote(expression)} is not a valid EventBridge schedule: ${result.reason}`,
      value: expression,
      allowed:
        'cron(minutes hours day-of-month month day-of-week year), with ? in day-of-month or day-of-week; or rate(value unit)',
      hint: 'for example cron(0 18 ? * SAT *) (Saturdays at 18:00 UTC) or rate(7 days)',
    }),
  );
}
