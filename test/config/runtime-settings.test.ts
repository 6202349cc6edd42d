import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../engine/src/desired/validate.js';
import { minimalTree, toFiles } from '../helpers/tree.js';

const withTable = (applyLockTable: string) =>
  validateSettings(toFiles(minimalTree({ settings: { runtime: { applyLockTable } } })), { seal: true });

describe('runtime.applyLockTable', () => {
  it('takes a table name, or the ARN of a table in another account', () => {
    expect(withTable('spa-apply-lock').valid).toBe(true);
    const arn = withTable('arn:aws:dynamodb:eu-west-1:222222222222:table/spa-apply-lock');
    expect(arn.valid).toBe(true);
    expect(arn.desired?.settings.runtime.applyLockTable).toBe(
      'arn:aws:dynamodb:eu-west-1:222222222222:table/spa-apply-lock',
    );
  });

  it('reports anything else as invalid-table, on its line, with an example', () => {
    const v = withTable('arn:aws:s3:::my-bucket');
    expect(v.diagnostics).toEqual([
      expect.objectContaining({
        code: 'invalid-table',
        file: 'settings.yaml',
        pointer: '/runtime/applyLockTable',
      }),
    ]);
    expect(v.diagnostics[0]!.hint).toContain('spa-apply-lock');
    expect(v.diagnostics[0]!.line).toBeGreaterThan(1);
  });
});
