import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseOutputs } from './actions.js';
import { condition, interpolate, type ExprContext } from './workflow-expr.js';

/** A step of a workflow or of a composite action, as written in the YAML. */
export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  if?: string | boolean;
  'continue-on-error'?: boolean;
  'working-directory'?: string;
}

export interface ActionYml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs a `run:` script as the runner does (bash, -e, pipefail), with its own GITHUB_OUTPUT file. */
export async function runScript(
  script: string,
  options: { cwd: string; env: Record<string, string>; outputFile: string },
): Promise<Ran> {
  writeFileSync(options.outputFile, '');
  // Never spawnSync: the loopback GitHub server answers from this very process.
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: options.cwd,
    env: { ...options.env, GITHUB_OUTPUT: options.outputFile },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.once('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(options.outputFile, 'utf8')) };
}

export const evaluated = (values: Record<string, unknown> | undefined, ctx: ExprContext) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)]));

/**
 * A local composite action (`uses: ./path`), run step by step as the runner does: inputs from `with:` and their
 * defaults, each `run:` step in bash with its `env:`, then the action's outputs from its steps' outputs.
 */
export async function runComposite(
  actionDir: string,
  step: Step,
  ctx: ExprContext,
  options: { cwd: string; env: Record<string, string>; scratch: string },
): Promise<Ran & { inputs: Record<string, string> }> {
  const action = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as ActionYml;
  const given = evaluated(step.with, ctx);
  for (const name of Object.keys(given))
    if (!action.inputs?.[name]) throw new Error(`${step.uses} has no input ${name}`);
  const inputs = Object.fromEntries(
    Object.entries(action.inputs ?? {}).map(([name, spec]) => [name, given[name] ?? spec.default ?? '']),
  );
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const inner = (): ExprContext => ({ ...ctx, contexts: { ...ctx.contexts, inputs, steps } });
  const all: Ran = { code: 0, stdout: '', stderr: '', outputs: {} };
  for (const [i, s] of action.runs.steps.entries()) {
    if (!condition(s.if, inner())) continue;
    if (s.uses) throw new Error(`${step.uses}: the test runner does not run ${s.uses} inside an action`);
    const ran = await runScript(interpolate(s.run ?? '', inner()), {
      cwd: join(options.cwd, s['working-directory'] ? interpolate(s['working-directory'], inner()) : '.'),
      env: { ...options.env, ...evaluated(s.env, inner()) },
      outputFile: `${options.scratch}-inner-${i}`,
    });
    all.stdout += ran.stdout;
    all.stderr += ran.stderr;
    if (s.id) steps[s.id] = { outputs: ran.outputs };
    if (ran.code !== 0) {
      all.code = ran.code;
      break;
    }
  }
  // The outputs of the action come from its steps, also when one of them failed.
  const outputs = Object.fromEntries(
    Object.entries(action.outputs ?? {}).map(([name, o]) => [name, interpolate(o.value, inner())]),
  );
  return { ...all, outputs, inputs };
}
