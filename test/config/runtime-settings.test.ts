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

const withRuntime = (runtime: Record<string, unknown>) =>
  validateSettings(toFiles(minimalTree({ settings: { runtime } })), { seal: true });

describe('runtime settings of the lifecycle', () => {
  it('fills in the defaults: the region of aws, 10 builds at once, 3 hours, UTC', () => {
    const v = withRuntime({ account: '111111111111', bucket: 'spa-runtime' });
    expect(v.valid).toBe(true);
    expect(v.desired?.settings.runtime).toEqual({
      account: '111111111111',
      bucket: 'spa-runtime',
      region: 'eu-west-1',
      maxConcurrentBuilds: 10,
      transactionTimeout: '3h',
      transactionTimeoutSeconds: 10800,
      timezone: 'UTC',
    });
  });

  it('takes minutes, hours or days, a time zone and another region', () => {
    const v = withRuntime({ transactionTimeout: '90m', timezone: 'Europe/Paris', region: 'us-east-1' });
    expect(v.desired?.settings.runtime).toMatchObject({
      transactionTimeoutSeconds: 5400,
      timezone: 'Europe/Paris',
      region: 'us-east-1',
    });
  });

  it.each([
    [{ transactionTimeout: '3 hours' }, 'invalid-duration', '/runtime/transactionTimeout'],
    [{ maxConcurrentBuilds: 0 }, 'invalid-concurrency', '/runtime/maxConcurrentBuilds'],
    [{ timezone: 'Paris time' }, 'invalid-timezone', '/runtime/timezone'],
    [{ bucket: 'My_Bucket' }, 'invalid-bucket', '/runtime/bucket'],
    [{ account: '1234' }, 'invalid-account-id', '/runtime/account'],
  ])('reports %o as %s on its line', (runtime, code, pointer) => {
    const v = withRuntime(runtime);
    expect(v.valid).toBe(false);
    expect(v.diagnostics).toEqual([expect.objectContaining({ code, pointer, file: 'settings.yaml' })]);
  });
});
