import type { DesiredOrganization } from '../../desired/types.js';
import { makePlan } from '../../plan/make-plan.js';
import { makeTargetedPlans } from '../../plan/make-targeted.js';
import { hasErrorFindings, type Plan } from '../../plan/types.js';
import type { Ports } from '../../ports/ports.js';
import { renderPlanGithub } from '../../render/plan-github.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderPlanText } from '../../render/plan-text.js';
import { readValidSettings } from './valid-settings.js';

/** What a plan reads of AWS, and how many calls it has made so far (retries included), when known. */
export type PlanAws = Pick<Ports, 'reader' | 'budgets' | 'accountApi' | 'policies'> & {
  calls?: () => number;
};

/** What `spa plan` works through. */
export type PlanPorts = Pick<Ports, 'settings' | 'clock' | 'out' | 'artifacts'> & {
  /** The AWS ports, made once the settings say which organization to reach and how. */
  connect(settings: DesiredOrganization['settings']): PlanAws;
  /** The settings of the pull request's base: the plan is then targeted at what differs (and base planned too). */
  baseSettings?: Ports['settings'];
  /** The last full plan of the base branch (JSON), which a targeted plan stands on. */
  reference?: () => Promise<string | undefined>;
};

export interface PlanChangesOptions {
  format: 'text' | 'markdown' | 'json' | 'github';
  /** Where to save the plan (JSON) for apply. */
  out?: string;
  /** Where to write the Markdown rendering as numbered files. */
  chunkDir?: string;
  /** Where to save the plan of the base settings (with `baseSettings`). */
  baseOut?: string;
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
export async function planChanges(deps: PlanPorts, options: PlanChangesOptions): Promise<PlanOutcome> {
  const { out, artifacts } = deps;
  const loaded = await readValidSettings(deps.settings, out, options.format);
  if (!loaded) return { outcome: 'invalid-settings' };
  const { progress } = out;
  const aws = deps.connect(loaded.desired.settings);
  const base = deps.baseSettings ? await readValidSettings(deps.baseSettings, out, 'text') : undefined;
  const plans = await planBoth(deps, aws, loaded.desired, base?.desired, options).finally(() =>
    progress.done(),
  );
  const calls = aws.calls?.();
  const withCalls = (p: Plan): Plan =>
    calls === undefined ? p : { ...p, scope: { kind: 'full', ...p.scope, awsCalls: calls } };
  const plan = withCalls(plans.head);
  out.info(scopeLine(plan));
  if (options.out) await artifacts.write(options.out, JSON.stringify(plan, null, 2) + '\n');
  if (options.baseOut && plans.base)
    await artifacts.write(options.baseOut, JSON.stringify(withCalls(plans.base), null, 2) + '\n');
  const chunks = options.format === 'markdown' || options.chunkDir ? renderPlanMarkdown(plan) : [];
  if (options.chunkDir)
    for (const [i, chunk] of chunks.entries())
      await artifacts.write(`${options.chunkDir}/plan-${String(i + 1).padStart(3, '0')}.md`, chunk);
  out.result(rendered(plan, chunks, options, out.color.result));
  return { outcome: 'planned', plan, errors: hasErrorFindings(plan) };
}

/** "targeted plan: 3 accounts reached, 24 AWS calls" */
function scopeLine(plan: Plan): string {
  const s = plan.scope;
  const calls = s?.awsCalls === undefined ? '' : `, ${s.awsCalls} AWS calls`;
  if (s?.kind === 'targeted')
    return `targeted plan: ${s.accounts ?? 0} account(s) and ${s.ous?.length ?? 0} OU file(s) reached${calls}`;
  return `full plan${s?.reason ? ` (${s.reason})` : ''}${calls}`;
}

/** The plan a reference file holds, or null when it is not JSON (the plan is then full, and says why). */
function parsedPlan(text: string): Plan | null {
  try {
    return JSON.parse(text) as Plan;
  } catch {
    return null;
  }
}

/** The plan of the settings and, with base settings, the plan of the base: targeted when it can be, else full. */
async function planBoth(
  deps: PlanPorts,
  aws: PlanAws,
  head: DesiredOrganization,
  base: DesiredOrganization | undefined,
  options: PlanChangesOptions,
): Promise<{ head: Plan; base?: Plan }> {
  const { progress } = deps.out;
  const common = {
    reader: aws.reader,
    budgets: aws.budgets,
    accountApi: aws.accountApi,
    clock: deps.clock,
    phase: (text: string) => progress.update(`${text}...`),
  };
  let reason: string | undefined;
  if (base) {
    const text = await deps.reference?.();
    const reference = text ? parsedPlan(text) : undefined;
    if (reference === null) reason = 'the reference plan is not JSON';
    else {
      const t = await makeTargetedPlans({ ...common, base, head, reference });
      if (t.kind === 'targeted') return { head: t.head, base: t.base };
      reason = t.reason;
    }
  }
  const full = async (desired: DesiredOrganization) => {
    const plan = await makePlan({
      ...common,
      policies: aws.policies,
      desired,
      progress: (p) =>
        p.tagsTotal === 0
          ? progress.count('reading the organization', p.accounts, undefined, foundIn(p.accounts, p.ous))
          : progress.count('reading the organization', p.tagsRead, p.tagsTotal, 'accounts and OUs read'),
    });
    return reason ? { ...plan, scope: { kind: 'full' as const, reason } } : plan;
  };
  const headPlan = await full(head);
  return base && options.baseOut ? { head: headPlan, base: await full(base) } : { head: headPlan };
}
