import { EngineError } from '../domain/errors.js';

/**
 * Amounts are exact: bigint counts of 10^-12 of a currency unit. Cost Explorer writes amounts as decimal strings
 * with up to 10 decimals; summing them as floats drifts, summing them as integers does not.
 */
export type Exact = bigint;
import type { Cents } from '../domain/report-table.js';

export type { Cents };

const DECIMALS = 12;
export const UNIT = 10n ** BigInt(DECIMALS);
export const CENT = UNIT / 100n;

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string ("12.3456789", "-1.5E-7", "0") exactly; digits beyond 10^-12 are rounded half away from zero. */
export function parseAmount(text: string): Exact {
  const m = NUMBER.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new EngineError('bad-amount', `"${text}" is not a decimal amount`, { source: 'system' });
  const sign = m[1] === '-' ? -1n : 1n;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}`.replace(/^0+(?=\d)/, '') || '0';
  const exponent = Number(m[4] ?? 0) - (m[3] ?? '').length + DECIMALS;
  if (exponent > 40)
    throw new EngineError('bad-amount', `"${text}" is too large an amount`, { source: 'system' });
  if (exponent >= 0) return sign * BigInt(digits) * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(-exponent);
  return sign * divideRounded(BigInt(digits), divisor);
}

/** a / b for b > 0, rounded half away from zero. */
export function divideRounded(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

/** a / b for b > 0, rounded towards minus infinity. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** The nearest whole cents (half away from zero). */
export function toCents(exact: Exact): Cents {
  return divideRounded(exact, CENT);
}

/** "-1234.56": a plain decimal, the way CSV files and comparisons want it. */
export function formatCents(cents: Cents): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = String(abs % 100n).padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** "1,234.56": for people (Markdown). */
export function formatCentsGrouped(cents: Cents): string {
  const plain = formatCents(cents);
  const [whole, fraction] = plain.split('.') as [string, string];
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** Cents as a number of currency units (a spreadsheet cell): exact below 2^53 cents. */
export function centsToNumber(cents: Cents): number {
  return Number(cents) / 100;
}

/** exact x rate, both exact, rounded half away from zero at 10^-12. */
export function multiplyExact(amount: Exact, rate: Exact): Exact {
  return divideRounded(amount * rate, UNIT);
}

/** The plain decimal text of an exact amount, without trailing zeros ("0.92", "1"). */
export function formatExact(exact: Exact): string {
  const negative = exact < 0n;
  const abs = negative ? -exact : exact;
  const fraction = String(abs % UNIT)
    .padStart(DECIMALS, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / UNIT}${fraction ? `.${fraction}` : ''}`;
}
