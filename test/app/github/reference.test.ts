import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../../engine/src/gitops/markers.js';
import { findReference } from '../../../engine/src/app/github/reference.js';
import { BOT, githubDeps, MemoryRepo } from '../../helpers/memory-github.js';
import { smallPlan } from '../../helpers/plans.js';

/** spa github reference: which drift run's full plan targeted plans stand on, and the previous applied commit. */

const plan = JSON.stringify(smallPlan(2));
const zip = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])));

function withDriftRun(
  repo: MemoryRepo,
  id: number,
  files: Record<string, string> = { 'plan.json': plan, 'plan-md/plan-001.md': '# plan' },
  run: { event?: string; headBranch?: string; expired?: boolean } = {},
) {
  repo.runs.push({
    id,
    workflow: 'drift.yml',
    status: 'completed',
    conclusion: 'success',
    event: run.event ?? 'schedule',
    headBranch: run.headBranch ?? 'main',
  });
  repo.artifacts.set(id, [
    { id: id * 10, name: `drift-${id}`, zip: zip(files), expired: run.expired ?? false },
  ]);
}

function deps(repo: MemoryRepo, event = { name: 'pull_request', sha: 'head-1', payload: {} }) {
  const written = new Map<string, string>();
  const d = githubDeps(event, repo);
  return {
    written,
    out: d.out,
    deps: {
      ...d,
      artifacts: { write: (path: string, text: string) => Promise.resolve(void written.set(path, text)) },
    },
  };
}

/** Pull request `pr`, its plan approved by the workflow at head-<pr> standing on drift run `reference`, merged by merge-<pr>. */
function approvedAndMerged(repo: MemoryRepo, pr: number, reference: number, author = BOT): void {
  const marker = formatMarker({
    kind: 'plan',
    pr,
    commit: `head-${pr}`,
    digest: `sha256:${author}`,
    reference,
    part: 1,
    parts: 1,
  });
  repo.postAs(author, pr, `${marker}\nplan`);
  repo.pulls.set(`merge-${pr}`, [
    {
      number: pr,
      headSha: `head-${pr}`,
      headRepo: repo.repository,
      baseRef: 'main',
      mergedAt: '2026-11-27T12:00:00Z',
      labels: [],
    },
  ]);
}

const input = { out: 'reference.json', driftWorkflow: 'drift.yml', forPush: false };

describe('spa github reference', () => {
  it('writes the full plan of the newest successful drift run of the default branch', async () => {
    const repo = new MemoryRepo();
    withDriftRun(repo, 7);
    withDriftRun(repo, 9);
    repo.runs.reverse(); // newest first, as GitHub lists them
    const d = deps(repo);
    const r = await findReference(d.deps, input);
    expect(r.run?.id).toBe(9);
    expect(d.written.get('reference.json')).toBe(plan);
    expect(d.out.stepOutputs).toMatchObject({ 'run-id': 9, 'applied-commit': '' });
  });

  it('never takes a run of another branch or started by a push, and skips expired or foreign artifacts', async () => {
    const repo = new MemoryRepo();
    withDriftRun(repo, 17);
    withDriftRun(repo, 11, { 'plan.json': plan }, { headBranch: 'feature' });
    withDriftRun(repo, 12, { 'plan.json': plan }, { event: 'push' });
    withDriftRun(repo, 13, { 'plan.json': plan }, { expired: true });
    withDriftRun(repo, 14, { 'plan.json': '{"not":"a plan"}' });
    withDriftRun(repo, 15, { 'other.json': plan });
    withDriftRun(repo, 16, { 'plan.json': 'not json' });
    repo.artifacts.set(18, [{ id: 180, name: 'drift-18', zip: Buffer.from('not a zip') }]);
    repo.runs.push({
      id: 18,
      workflow: 'drift.yml',
      status: 'completed',
      conclusion: 'success',
      event: 'schedule',
    });
    repo.runs.reverse();
    const d = deps(repo);
    const r = await findReference(d.deps, input);
    // 11 and 12 are never tried: another branch, and a push (drift runs on a schedule or by hand).
    expect(r.run?.id).toBe(17);
    expect(d.out.infos.filter((l) => l.startsWith('drift run'))).toEqual([
      expect.stringMatching(/^drift run 18: its artifact is not a zip archive/),
      'drift run 16: its plan.json is not JSON',
      'drift run 15: its artifact holds no plan.json',
      'drift run 14: its plan.json is not a plan of this version of spa',
      'drift run 13: its artifact drift-13 has expired',
    ]);
  });

  it('writes nothing and says the plan will be full when no drift run kept a plan', async () => {
    const d = deps(new MemoryRepo());
    const r = await findReference(d.deps, input);
    expect(r.run).toBeUndefined();
    expect(d.written.size).toBe(0);
    expect(d.out.annotations[0]?.message).toContain('the plan is full');
    expect(d.out.stepOutputs['run-id']).toBe('');
  });

  it('on a push, takes the drift run the approved plan stood on, and the commit of the last successful apply', async () => {
    const repo = new MemoryRepo();
    withDriftRun(repo, 21);
    withDriftRun(repo, 22);
    repo.runs.reverse();
    // A comment by someone else naming another run is not trusted.
    approvedAndMerged(repo, 5, 22, 'mallory');
    approvedAndMerged(repo, 5, 21);
    repo.runs.unshift(
      { id: 99, workflow: 'apply.yml', status: 'in_progress', headSha: 'merge-5' },
      { id: 98, workflow: 'apply.yml', status: 'completed', conclusion: 'failure', headSha: 'merge-4' },
      { id: 97, workflow: 'apply.yml', status: 'completed', conclusion: 'success', headSha: 'merge-3' },
    );
    const push = {
      name: 'push',
      sha: 'merge-5',
      payload: { commits: [{ id: 'merge-5' }], repository: { default_branch: 'main' } },
    };
    const d = deps(repo, push);
    const r = await findReference(d.deps, { ...input, forPush: true, applied: 'apply.yml', runId: 99 });
    expect(r).toMatchObject({ run: { id: 21 }, appliedCommit: 'merge-3' });
    expect(d.out.stepOutputs).toMatchObject({ 'run-id': 21, 'applied-commit': 'merge-3' });
  });

  it("falls back to the newest drift run when the approved plan's run kept no plan any more", async () => {
    const repo = new MemoryRepo();
    withDriftRun(repo, 31, { 'plan.json': plan }, { expired: true });
    withDriftRun(repo, 32);
    repo.runs.reverse();
    approvedAndMerged(repo, 6, 31);
    const d = deps(repo, { name: 'push', sha: 'merge-6', payload: { commits: [{ id: 'merge-6' }] } });
    const r = await findReference(d.deps, { ...input, forPush: true });
    expect(r.run?.id).toBe(32);
  });
});
