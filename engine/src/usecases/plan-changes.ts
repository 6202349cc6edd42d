import type { DesiredOrganization } from '../desired/types.js';
import { makePlan, type MakePlanInput } from '../plan/make-plan.js';
import { hasErrorFindings, type Plan } from '../plan/types.js';
import type { ArtifactStore } from '../ports/artifacts.js';
import type { Clock } from '../ports/clock.js';
import type { Output } from '../ports/output.js';
import type { SettingsSource } from '../ports/settings-source.js';
import { renderPlanGithub } from '../render/plan-github.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { readValidSettings } from './valid-settings.js';

/** What a plan reads of AWS. */
export type PlanPorts = Pick<MakePlanInput, 'reader' | 'budgets' | 'accountApi' | 'policies'>;

export interface PlanDeps {
  settings: SettingsSource;
  /** The AWS ports, made once the settings say which organization to reach and how. */
  connect(settings: DesiredOrganization['settings']): PlanPorts;
  clock: Clock;
  out: Output;
  artifacts: ArtifactStore;
}

export interface PlanChangesOptions {
  format: 'text' | 'markdown' | 'json' | 'github';
  /** Where to save the plan (JSON) for apply. */
  out?: string;
  /** Where to write the Markdown rendering as numbered files. */
  chunkDir?: string;
}

export type PlanOutcome =
  | { outcome: 'invalid-settings' }
  /** `errors`: findings that block any apply. */
  | { outcome: 'planned'; plan: Plan; errors: boolean };

/** "31 accounts found in 1 OU" */
function foundIn(accounts: number, ous: number): string {
  return `account${accounts === 1 ? '' : 's'} found in ${ous} OU${ous === 1 ? '' : 's'}`;
}

function rendered(
  plan: Plan,
  chunks: readonly string[],
  options: PlanChangesOptions,
  color: boolean,
): string {
  switch (options.format) {
    case 'json':
      return JSON.stringify(plan, null, 2) + '\n';
    case 'markdown':
      return chunks.map((c, i) => `<!-- spa:plan-chunk ${i + 1}/${chunks.length} -->\n${c}`).join('\n');
    case 'github':
      return renderPlanGithub(plan);
    default:
      return renderPlanText(plan, color);
  }
}

/**
 * `spa plan`: reads AWS Organizations and Budgets, diffs them against the valid settings, saves the plan and its
 * Markdown chunks when asked, and renders it as the result.
 */
export async function planChanges(deps: PlanDeps, options: PlanChangesOptions): Promise<PlanOutcome> {
  const { out, artifacts } = deps;
  const loaded = await readValidSettings(deps.settings, out, options.format);
  if (!loaded) return { outcome: 'invalid-settings' };
  const { progress } = out;
  const aws = deps.connect(loaded.desired.settings);
  const plan = await makePlan({
    reader: aws.reader,
    budgets: aws.budgets,
    accountApi: aws.accountApi,
    policies: aws.policies,
    desired: loaded.desired,
    clock: deps.clock,
    phase: (text) => progress.update(`${text}...`),
    progress: (p) =>
      p.tagsTotal === 0
        ? progress.count('reading the organization', p.accounts, undefined, foundIn(p.accounts, p.ous))
        : progress.count('reading the organization', p.tagsRead, p.tagsTotal, 'accounts and OUs read'),
  }).finally(() => progress.done());
  if (options.out) await artifacts.write(options.out, JSON.stringify(plan, null, 2) + '\n');
  const chunks = options.format === 'markdown' || options.chunkDir ? renderPlanMarkdown(plan) : [];
  if (options.chunkDir)
    for (const [i, chunk] of chunks.entries())
      await artifacts.write(`${options.chunkDir}/plan-${String(i + 1).padStart(3, '0')}.md`, chunk);
  out.result(rendered(plan, chunks, options, out.color.result));
  return { outcome: 'planned', plan, errors: hasErrorFindings(plan) };
}
