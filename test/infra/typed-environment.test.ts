import { describe, expect, it } from 'vitest';
import {
  lambdaEnvironment,
  type LambdaEnvironment,
} from '../../engine/src/entrypoints/lambda/environment.js';
import { environmentVariables, type RuntimeFunctionProps } from '../../infra/lib/runtime-function.js';

const env: LambdaEnvironment = lambdaEnvironment({
  environment: 'SpaDemo',
  bucket: 'spa-runtime-222222222222',
  region: 'eu-west-1',
  account: '222222222222',
  maintenanceQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/222222222222/SpaDemo-maintenance',
  service: 'SpaDemo-lifecycle',
});

describe("a runtime function's environment", () => {
  it('is the handlers’ own type: a variable missing or misspelt does not compile (npm run typecheck)', () => {
    const { SPA_RECORDS_TABLE: records, ...rest } = env;
    // @ts-expect-error the handlers read SPA_RECORDS_TABLE
    const missing: RuntimeFunctionProps['environment'] = rest;
    // @ts-expect-error no handler reads SPA_RECORD_TABLE
    const misspelt: RuntimeFunctionProps['environment'] = { ...env, SPA_RECORD_TABLE: records };
    expect(Object.keys(missing)).not.toContain('SPA_RECORDS_TABLE');
    expect(Object.keys(misspelt)).toContain('SPA_RECORD_TABLE');
  });

  it('becomes the variables of the function, without the optional ones left unset', () => {
    const vars = environmentVariables({ ...env, SPA_SETTINGS_MAX_AGE_MS: undefined });
    expect(vars).toEqual({ ...env });
    expect(Object.keys(vars)).not.toContain('SPA_SETTINGS_MAX_AGE_MS');
    expect(environmentVariables({ ...env, SPA_SETTINGS_MAX_AGE_MS: '5000' }).SPA_SETTINGS_MAX_AGE_MS).toBe(
      '5000',
    );
  });
});
