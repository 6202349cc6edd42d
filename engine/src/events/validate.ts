import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { eventSchemas } from '../domain/generated/event-schemas.js';
import type { EventSchema } from '../domain/outgoing-event.js';

export type { EventSchema };

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

let ajv: Ajv2020 | undefined;
const compiled = new Map<EventSchema, ValidateFunction>();

function validatorOf(name: EventSchema): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    ajv ??= new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: false });
    validate = ajv.compile(eventSchemas[`${name}.schema.json`]!);
    compiled.set(name, validate);
  }
  return validate;
}

/** Checks a value against an event schema of schemas/events/ (compiled once per container, on first use). */
export function checkEvent<T>(name: EventSchema, value: unknown): Checked<T> {
  const validate = validatorOf(name);
  if (validate(value)) return { ok: true, value: value as T };
  const e = validate.errors?.[0];
  return { ok: false, problem: `${name}: ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}` };
}
