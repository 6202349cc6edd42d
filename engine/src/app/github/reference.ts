import { unzipSync } from 'fflate';
import { validateAgainst } from '../../config/schema-validator.js';
import type { ArtifactStore } from '../../ports/artifacts.js';
import type { WorkflowRun } from '../../ports/github.js';
import type { GithubPorts } from './deps.js';
import { mergedPulls, type PushPayload } from './merged-pulls.js';

/** The name of the plan in the drift run's artifact `drift-<run id>` (.github/workflows/drift.yml). */
const PLAN_FILE = 'plan.json';
/** An archive larger than this is not a plan the engine wrote: a full plan of 10,000 accounts is about 10 MB. */
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
/** The newest successful drift runs tried, newest first, when the newest has no usable artifact. */
const RUNS_TRIED = 10;

export interface ReferenceInput {
  /** Where the full plan goes. */
  out: string;
  driftWorkflow: string;
  /** On a push: the drift run that the approved plans of the merged pull requests stood on, if they agree. */
  forPush: boolean;
  /** The apply workflow whose last successful run gives the previous applied commit. */
  applied?: string | undefined;
  /** The id of this run, never taken as the previous apply. */
  runId?: number | undefined;
}

export type ReferenceOutcome = {
  /** The drift run whose plan was written, if one was. */
  run: WorkflowRun | { id: number } | undefined;
  appliedCommit: string | undefined;
};

/**
 * `spa github reference`: writes the last full plan of the default branch, the artifact of its newest successful
 * drift run (scheduled or started by hand on that branch, never a run of another branch), for the targeted plans
 * of pull requests and of the apply workflow; with `forPush`, the very full plan the approved plans of the
 * merged pull requests stood on, so that the apply workflow's plan can have their digest. With `applied`, also
 * the commit of the last successful apply run (the previous applied commit). Writes nothing when there is no
 * usable plan: the plan is then full, and says why.
 */
export async function findReference(
  deps: GithubPorts & { artifacts: ArtifactStore },
  input: ReferenceInput,
): Promise<ReferenceOutcome> {
  const { out } = deps;
  const branch = (deps.event.payload as PushPayload).repository?.default_branch ?? 'main';
  const named = input.forPush && deps.event.name === 'push' ? await approvedReference(deps) : undefined;
  // The named run first; when its artifact is gone, the newest full plan (the digest then tells whether it
  // differs). The drift runs are listed only when the named run gave no plan.
  let run: ReferenceOutcome['run'];
  const take = async (candidate: { id: number }) => {
    const text = await planOf(deps, candidate.id);
    if (text === undefined) return false;
    await deps.artifacts.write(input.out, text);
    run = candidate;
    return true;
  };
  if (named === undefined || !(await take({ id: named })))
    for (const candidate of await driftRuns(deps, input.driftWorkflow, branch))
      if (await take(candidate)) break;
  if (run) out.info(`reference: the full plan of drift run ${run.id}, written to ${input.out}`);
  else
    out.notice(
      `No full plan of ${branch} to stand on (no successful run of ${input.driftWorkflow} with a usable artifact): the plan is full. Run the drift workflow once to make targeted plans possible.`,
    );
  const appliedCommit = input.applied
    ? await previousApplied(deps, input.applied, branch, input.runId)
    : undefined;
  out.outputs({ 'run-id': run?.id ?? '', 'applied-commit': appliedCommit ?? '' });
  return { run, appliedCommit };
}

/** The newest successful runs of the drift workflow on the branch, scheduled or started by hand there. */
async function driftRuns(deps: GithubPorts, workflow: string, branch: string): Promise<WorkflowRun[]> {
  const runs = await deps.repo.workflowRuns(workflow, 'success', branch);
  return runs
    .filter((r) => r.headBranch === branch && (r.event === 'schedule' || r.event === 'workflow_dispatch'))
    .slice(0, RUNS_TRIED);
}

/** The drift run the approved plans of the pushed merge stood on, when every one that names one names the same. */
async function approvedReference(deps: GithubPorts): Promise<number | undefined> {
  const pulls = await mergedPulls(deps, deps.event.payload);
  const named = new Set(
    pulls.flatMap((p) => (p.approvedReference === undefined ? [] : [p.approvedReference])),
  );
  if (named.size > 1)
    deps.out.info(
      `the merged pull requests stood on different full plans (${[...named].join(', ')}): the newest is taken`,
    );
  return named.size === 1 ? [...named][0] : undefined;
}

/** The full plan in the artifact `drift-<id>` of a run, checked, or undefined (said why) when there is none. */
async function planOf(deps: GithubPorts, runId: number): Promise<string | undefined> {
  const say = (why: string) => {
    deps.out.info(`drift run ${runId}: ${why}`);
    return undefined;
  };
  const artifact = await deps.repo.runArtifact(runId, `drift-${runId}`);
  if (!artifact) return say('no artifact');
  if (artifact.expired) return say(`its artifact ${artifact.name} has expired`);
  if (artifact.sizeInBytes > MAX_ARCHIVE_BYTES) return say(`its artifact is ${artifact.sizeInBytes} bytes`);
  let bytes: Uint8Array | undefined;
  try {
    bytes = unzipSync(await deps.repo.downloadArtifact(artifact.id), {
      filter: (f) => f.name === PLAN_FILE && f.originalSize <= MAX_ARCHIVE_BYTES,
    })[PLAN_FILE];
  } catch (error) {
    return say(`its artifact is not a zip archive (${(error as Error).message})`);
  }
  if (!bytes) return say(`its artifact holds no ${PLAN_FILE}`);
  const text = Buffer.from(bytes).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return say(`its ${PLAN_FILE} is not JSON`);
  }
  const problems = validateAgainst('plan.schema.json', { file: PLAN_FILE, value, positions: new Map() });
  if (problems.length > 0) return say(`its ${PLAN_FILE} is not a plan of this version of spa`);
  const scope = (value as { scope?: { kind?: string } }).scope;
  if (scope?.kind !== undefined && scope.kind !== 'full') return say('its plan is not a full plan');
  return text;
}

/** The commit of the last successful run of the apply workflow on the branch, other than this run. */
async function previousApplied(
  deps: GithubPorts,
  workflow: string,
  branch: string,
  runId: number | undefined,
): Promise<string | undefined> {
  const runs = await deps.repo.workflowRuns(workflow, 'success', branch);
  const last = runs.find(
    (r) =>
      r.id !== runId && r.headBranch === branch && (r.event === 'push' || r.event === 'workflow_dispatch'),
  );
  if (last) deps.out.info(`previous applied commit: ${last.headSha} (apply run ${last.id})`);
  else deps.out.notice(`No successful run of ${workflow} on ${branch} yet: the plan of ${branch} is full.`);
  return last?.headSha;
}
