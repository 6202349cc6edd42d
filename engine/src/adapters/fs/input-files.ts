import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateAgainst } from '../../config/schema-validator.js';
import { EngineError } from '../../domain/errors.js';
import type { ApplyResult, Plan } from '../../domain/generated/types.js';
import { readInputFile } from './read-file.js';

/** The JSON of a file handed to a command: read with the bounded reader, parsed, or `notJson` thrown. */
function readJson(
  path: string,
  options: { what: string; hint: string },
  notJson: (cause: unknown) => EngineError,
): unknown {
  const text = readInputFile(path, options);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw notJson(cause);
  }
}

/** The plan of `spa apply PLAN.json`, checked against the plan schema of this version. */
export function readPlanToApply(path: string): Plan {
  const value = readJson(
    path,
    { what: 'the plan file', hint: 'make one with: spa plan --out plan.json' },
    (cause) =>
      new EngineError('invalid-plan', `${path} is not JSON`, {
        source: 'user',
        cause,
        hint: 'pass the file written by spa plan --out',
      }),
  );
  const problems = validateAgainst('plan.schema.json', { file: path, value, positions: new Map() });
  if (problems.length > 0) {
    const first = problems
      .slice(0, 5)
      .map((d) => `${d.pointer || '/'}: ${d.summary}`)
      .join('; ');
    throw new EngineError('invalid-plan', `${path} is not a plan of this version of spa (${first})`, {
      source: 'user',
      hint: 'make the plan again with this version: spa plan --out plan.json',
    });
  }
  return value as Plan;
}

/** A JSON file an earlier step of the workflow wrote, `path` relative to `cwd`. */
function readStepJson(path: string, cwd: string, what: 'the plan' | 'the apply result'): unknown {
  return readJson(
    resolve(cwd, path),
    {
      what,
      hint: `pass the file the earlier step wrote (${what === 'the plan' ? 'spa plan --out' : 'spa apply --format json'})`,
    },
    (cause) => new EngineError('bad-input-file', `${what} ${path} is not JSON`, { source: 'user', cause }),
  );
}

/** The plan an earlier step wrote (spa plan --out), checked against its schema. */
export function readStepPlan(path: string, cwd: string): Plan {
  const value = readStepJson(path, cwd, 'the plan');
  const problems = validateAgainst('plan.schema.json', { file: path, value, positions: new Map() });
  if (problems.length)
    throw new EngineError('invalid-plan', `${path} is not a plan: ${problems[0]!.summary}`, {
      source: 'user',
    });
  return value as Plan;
}

/** The result an earlier step wrote (spa apply --format json), checked against its schema. */
export function readStepApplyResult(path: string, cwd: string): ApplyResult {
  const value = readStepJson(path, cwd, 'the apply result');
  const problems = validateAgainst('apply-result.schema.json', { file: path, value, positions: new Map() });
  if (problems.length)
    throw new EngineError('invalid-apply-result', `${path} is not an apply result: ${problems[0]!.summary}`, {
      source: 'user',
    });
  return value as ApplyResult;
}

/** A plan an earlier step may not have written (the base branch could not be planned): undefined when absent. */
export function readStepPlanIfAny(path: string, cwd: string): Plan | undefined {
  return existsSync(resolve(cwd, path)) ? readStepPlan(path, cwd) : undefined;
}
