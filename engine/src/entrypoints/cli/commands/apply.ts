import { resolve } from 'node:path';
import { awsOf } from '../aws.js';
import { readInputFile } from '../../../adapters/fs/read-file.js';
import { applyPlan } from '../../../apply/apply.js';
import { validateAgainst } from '../../../config/schema-validator.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import type { Plan } from '../../../plan/types.js';
import { systemClock } from '../../../ports/clock.js';
import { renderApplyResultLine, renderApplySummary } from '../../../render/apply-text.js';
import { colorEnabled, type CliIo } from '../io.js';
import { releasedOnSignal, lockOwner } from '../lock.js';
import { loadValidSettings, progressLine } from '../settings.js';

export interface ApplyCommandOptions {
  dir: string;
  format: 'text' | 'json';
  allowLarge?: boolean;
}

function readPlan(path: string): Plan {
  const text = readInputFile(path, {
    what: 'the plan file',
    hint: 'make one with: spa plan --out plan.json',
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new EngineError('invalid-plan', `${path} is not JSON`, {
      source: 'user',
      cause,
      hint: 'pass the file written by spa plan --out',
    });
  }
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

/** `spa apply PLAN.json`: exit 0 applied, 1 refused or some changes failed, 4 stale plan refused. */
export async function applyCommand(
  planPath: string,
  options: ApplyCommandOptions,
  io: CliIo,
): Promise<number> {
  const plan = readPlan(resolve(io.cwd, planPath));
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const settings = loaded.desired.settings;
  const progress = progressLine(io);
  const aws = awsOf(io, settings, progress);
  const color = colorEnabled(io);
  const poll = Number(io.env.SPA_CREATE_POLL_MS);
  let ended = 0;
  const lock = releasedOnSignal(
    aws.applyLock(plan.organizationId, settings.runtime.applyLockTable, settings.aws.region),
  );
  const result = await applyPlan(plan, {
    desired: loaded.desired,
    allowLarge: options.allowLarge === true,
    reader: aws.reader,
    writer: aws.writer,
    budgets: aws.budgets,
    accountApi: aws.accountApi,
    policies: aws.policies,
    clock: systemClock,
    lock,
    owner: lockOwner(io.env),
    ...(Number.isFinite(poll) && poll >= 0 && io.env.SPA_CREATE_POLL_MS ? { pollMs: poll } : {}),
    onCheck: (n, total) => progress.count('checking the plan against AWS', n, total, 'changes'),
    onResult: (r) => {
      progress.done();
      if (options.format === 'text') io.stdout.write(renderApplyResultLine(r, color) + '\n');
      else io.stderr.write(renderApplyResultLine(r, colorEnabled(io, 'stderr')) + '\n');
      progress.count('applying', ++ended, plan.changes.length, 'changes');
    },
  }).finally(() => progress.done());
  if (options.format === 'json') io.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else io.stdout.write(renderApplySummary(result, color));
  if (options.format === 'json' && result.outcome === 'refused')
    io.stderr.write(renderApplySummary(result, colorEnabled(io, 'stderr')));
  if (result.outcome === 'refused')
    return result.refusal?.code === 'stale-plan' ? ExitCode.stalePlan : ExitCode.userError;
  return result.outcome === 'partial' ? ExitCode.userError : ExitCode.ok;
}
