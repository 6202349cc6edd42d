import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Diagnostic } from '../domain/diagnostic.js';
import { interopDefault } from '../domain/interop.js';
import { schemas } from '../domain/generated/schemas.js';
import { diagnosticsFromErrors, type LabelOptions, type SchemaTarget } from './schema-diagnostics.js';

// The command line and the tests reach the validator's words and diagnostics through it.
export { describePointer, suggest } from './message-words.js';
export { diagnosticsFromErrors, type LabelOptions, type SchemaTarget };

type AddFormats = typeof addFormatsModule.default;
const addFormats = interopDefault(addFormatsModule as unknown as AddFormats | { default: AddFormats });

export type SchemaName = 'settings' | 'organizational-unit' | 'account' | 'plan' | 'apply-result';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    // allErrors: every problem in every file at once. verbose: errors carry their schema, for x-code and x-hint.
    // No optimisation pass over the generated code: it takes about 40% of compiling the plan and apply-result
    // schemas, once in every process, and saves nothing measurable on files of this size.
    ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      code: { optimize: false },
      strict: true,
      strictTypes: false,
      allowUnionTypes: true,
    });
    addFormats(ajv, ['email', 'date-time', 'uri']);
    ajv.addVocabulary(['x-code', 'x-hint']);
    for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  }
  return ajv;
}

/** The compiled validator of a schema (or of a definition, `common.schema.json#/$defs/tagValue`). */
export function validatorFor(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    const found = instance().getSchema(ref);
    if (!found) throw new Error(`unknown schema ${ref}`);
    validate = found;
    compiled.set(ref, validate);
  }
  return validate;
}

export function schemaRef(name: SchemaName): string {
  return `${name}.schema.json`;
}

/** Validates one value; every schema error becomes a diagnostic at the line and column of the offending value. */
export function validateAgainst(ref: string, target: SchemaTarget, options: LabelOptions = {}): Diagnostic[] {
  const validate = validatorFor(ref);
  if (validate(target.value)) return [];
  return diagnosticsFromErrors(validate.errors ?? [], target, options);
}
