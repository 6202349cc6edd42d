import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { interopDefault } from '../../engine/src/domain/interop.js';
import { expect } from 'vitest';
import { schemas } from '../../engine/src/domain/generated/schemas.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
type AddFormats = typeof addFormatsModule.default;
interopDefault(addFormatsModule as unknown as AddFormats | { default: AddFormats })(ajv);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);

/** Every plan and apply result the suite makes is checked against its published schema. */
export function expectValid(schema: string, value: unknown): void {
  const ok = ajv.validate(schema, value);
  expect(ajv.errors ?? [], `${schema}: ${ajv.errorsText(ajv.errors)}`).toEqual([]);
  expect(ok).toBe(true);
}
