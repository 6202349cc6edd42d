import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../../adapters/fs/write-file.js';
import { ExitCode } from '../../../domain/errors.js';
import { makePlan } from '../../../plan/make-plan.js';
import { hasErrorFindings } from '../../../plan/types.js';
import { systemClock } from '../../../ports/clock.js';
import { renderPlanGithub } from '../../../render/plan-github.js';
import { renderPlanMarkdown } from '../../../render/plan-markdown.js';
import { renderPlanText } from '../../../render/plan-text.js';
import { awsOf } from '../aws.js';
import { colorEnabled, type CliIo } from '../io.js';
import { progress as progressOf } from '../progress.js';
import { loadValidSettings } from '../settings.js';

export interface PlanOptions {
  dir: string;
  format: 'text' | 'markdown' | 'json' | 'github';
  out?: string;
  chunkDir?: string;
  detailedExitcode?: boolean;
}

/** `spa plan`: exit 0 (no changes, or changes without --detailed-exitcode), 2 (changes, with it), 1 (errors). */
export async function planCommand(options: PlanOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, options.format);
  if (!loaded) return ExitCode.userError;
  const progress = progressOf(io);
  const aws = awsOf(io, loaded.desired.settings, progress);
  const plan = await makePlan({
    desired: loaded.desired,
    reader: aws.reader,
    budgets: aws.budgets,
    accountApi: aws.accountApi,
    policies: aws.policies,
    clock: systemClock,
    phase: (text) => progress.update(`${text}...`),
    progress: (p) =>
      p.tagsTotal === 0
        ? progress.count('reading the organization', p.accounts, undefined, foundIn(p.accounts, p.ous))
        : progress.count('reading the organization', p.tagsRead, p.tagsTotal, 'accounts and OUs read'),
  }).finally(() => progress.done());

  if (options.out) writeFileAtomic(resolve(io.cwd, options.out), JSON.stringify(plan, null, 2) + '\n');
  const chunks = options.format === 'markdown' || options.chunkDir ? renderPlanMarkdown(plan) : [];
  if (options.chunkDir) {
    chunks.forEach((chunk, i) =>
      writeFileAtomic(
        join(resolve(io.cwd, options.chunkDir!), `plan-${String(i + 1).padStart(3, '0')}.md`),
        chunk,
      ),
    );
  }
  switch (options.format) {
    case 'json':
      io.stdout.write(JSON.stringify(plan, null, 2) + '\n');
      break;
    case 'markdown':
      io.stdout.write(
        chunks.map((c, i) => `<!-- spa:plan-chunk ${i + 1}/${chunks.length} -->\n${c}`).join('\n'),
      );
      break;
    case 'github':
      io.stdout.write(renderPlanGithub(plan));
      break;
    default:
      io.stdout.write(renderPlanText(plan, colorEnabled(io)));
  }
  if (io.env.SPA_REPORT_CALLS)
    io.stderr.write(`AWS calls: ${JSON.stringify(Object.fromEntries(aws.caller.calls))}\n`);
  if (hasErrorFindings(plan)) return ExitCode.userError;
  return options.detailedExitcode && plan.changes.length > 0 ? ExitCode.changesPresent : ExitCode.ok;
}

/** "31 accounts found in 1 OU" */
function foundIn(accounts: number, ous: number): string {
  return `account${accounts === 1 ? '' : 's'} found in ${ous} OU${ous === 1 ? '' : 's'}`;
}
