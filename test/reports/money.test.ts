import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from '../../engine/src/reports/apportion.js';
import { CENT, formatCents, formatCentsGrouped, parseAmount, toCents, UNIT } from '../../engine/src/reports/money.js';

describe('amounts', () => {
  it('parse Cost Explorer decimals exactly, exponents included', () => {
    expect(parseAmount('12.3456789012')).toBe(12_345_678_901_200n);
    expect(parseAmount('-1.5E-7')).toBe(-150_000n);
    expect(parseAmount('0')).toBe(0n);
    expect(parseAmount('1e3')).toBe(1000n * UNIT);
    expect(parseAmount('.5')).toBe(UNIT / 2n);
    // Beyond 10^-12, half away from zero.
    expect(parseAmount('0.0000000000005')).toBe(1n);
    expect(parseAmount('-0.0000000000005')).toBe(-1n);
    expect(() => parseAmount('12,5')).toThrow('is not a decimal amount');
    expect(() => parseAmount('')).toThrow();
  });

  it('round to the cent half away from zero and print as plain or grouped decimals', () => {
    expect(toCents(parseAmount('0.005'))).toBe(1n);
    expect(toCents(parseAmount('-0.005'))).toBe(-1n);
    expect(toCents(parseAmount('0.0049999999'))).toBe(0n);
    expect(formatCents(-123456n)).toBe('-1234.56');
    expect(formatCents(5n)).toBe('0.05');
    expect(formatCentsGrouped(-123456789n)).toBe('-1,234,567.89');
  });
});

describe('apportion', () => {
  const exact = fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n });

  it('splits a total over parts so that they add up to it, each within a cent of its exact amount', () => {
    fc.assert(
      fc.property(fc.array(exact, { minLength: 1, maxLength: 60 }), (parts) => {
        const target = toCents(parts.reduce((s, p) => s + p, 0n));
        const shares = apportion(target, parts);
        expect(shares.reduce((s, c) => s + c, 0n)).toBe(target);
        shares.forEach((c, i) => {
          const gap = c * CENT - parts[i]!;
          expect(gap > -CENT && gap < CENT).toBe(true);
        });
      }),
    );
  });

  it('meets a target a cent away from the exact sum (a parent split above), and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(exact, { minLength: 1, maxLength: 30 }), fc.constantFrom(-1n, 1n), (parts, off) => {
        const target = toCents(parts.reduce((s, p) => s + p, 0n)) + off;
        const shares = apportion(target, parts);
        expect(shares.reduce((s, c) => s + c, 0n)).toBe(target);
        expect(apportion(target, parts)).toEqual(shares);
      }),
    );
  });

  it('gives three thirds of a dollar 34, 33 and 33 cents, the first first', () => {
    const third = UNIT / 3n;
    expect(apportion(100n, [third, third, third])).toEqual([34n, 33n, 33n]);
    expect(apportion(0n, [])).toEqual([]);
  });
});
