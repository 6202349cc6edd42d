import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGithubServer, type GithubServer } from '../support/github-server.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { checkout, type Checkout } from '../helpers/workflow-org.js';

/** .github/workflows/drift.yml run step by step against the emulator and the loopback GitHub server. */

let emulator: Emulator;
let gh: GithubServer;
let co: Checkout;
beforeAll(async () => {
  emulator = await startEmulator();
  gh = await startGithubServer();
  co = await checkout(emulator, gh);
  // main and AWS differ: the OU Sandbox lacks its tag.
  co.setSandbox({ managed: true, ouTags: { team: 'platform' } });
});
afterAll(async () => {
  co?.cleanup();
  await gh?.close();
  await emulator?.stop();
});
afterEach(() => {
  expect(gh.violations, "every request and response matches GitHub's OpenAPI description").toEqual([]);
});

const schedule = { name: 'schedule', sha: 'main-1', payload: {} };
const driftIssues = () => [...gh.issues.values()].filter((i) => i.labels.includes('drift'));

describe('the drift workflow', { timeout: 240_000 }, () => {
  it('skips while the apply workflow runs, and says so in the job summary, leaving the drift issue alone', async () => {
    const apply = gh.addWorkflowRun({ workflow: 'apply.yml', status: 'in_progress', conclusion: null });
    const job = await co.run({ workflow: 'drift.yml', job: 'drift', event: schedule });
    expect(job.steps.filter((s) => s.outcome === 'failure')).toEqual([]);
    const [plan, issue] = job.spaCommands();
    expect(plan).toBe('plan --out plan.json --chunk-dir plan-md');
    // The time the plan began, from the job's own step before the plan.
    expect(issue).toMatch(/^github drift-issue --plan plan\.json --since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const step = job.steps.find((s) => s.with.args === issue)!;
    expect(step.outputs).toMatchObject({ skipped: 'true' });
    expect(step.summary).toContain('### Drift check skipped');
    expect(step.stderr).toContain(`run ${apply.id} in_progress`);
    expect(driftIssues()).toEqual([]);
    // The run ends, long before the next drift check.
    Object.assign(apply, { status: 'completed', conclusion: 'success', updatedAt: '2020-01-01T00:00:00Z' });
  });

  it('opens the drift issue when no apply overlapped the plan', async () => {
    const job = await co.run({ workflow: 'drift.yml', job: 'drift', event: schedule });
    expect(job.steps.filter((s) => s.outcome === 'failure')).toEqual([]);
    expect(job.steps.find((s) => s.with.args?.startsWith('github drift-issue'))?.outputs).toMatchObject({
      skipped: 'false',
      drift: 'true',
    });
    expect(driftIssues()).toHaveLength(1);
  });
});
