import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackSetCommand,
  DescribeStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import { ListTagsForResourceCommand } from '@aws-sdk/client-organizations';
import { DeleteBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { SETTINGS_KEY } from '../../engine/src/domain/runtime-names.js';
import { parseMarker } from '../../engine/src/gitops/markers.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGithubServer, type GithubServer } from '../support/github-server.js';
import { readBack } from '../support/seed.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { checkout, dispatchOf, pullRequestOf, pushOf, type Checkout } from '../helpers/workflow-org.js';
import type { JobRun } from '../helpers/workflow-job.js';

/**
 * .github/workflows/apply.yml (and the plan job of plan.yml that approves a pull request) run step by step as
 * GitHub runs them, against the emulator and the loopback GitHub server: the exact `args` of each step, split
 * on spaces by the local action, reach the built CLI.
 */

let emulator: Emulator;
let gh: GithubServer;
let co: Checkout | undefined;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  gh = await startGithubServer();
});
afterEach(async () => {
  co?.cleanup();
  co = undefined;
  await gh.close();
  expect(gh.violations, "every request and response matches GitHub's OpenAPI description").toEqual([]);
});

const failures = (job: JobRun) =>
  job.steps.filter((s) => s.outcome === 'failure').map((s) => `${s.name}: ${s.stdout}${s.stderr}`);
const applyIssue = () =>
  [...gh.issues.values()].find(
    (i) => i.labels.includes('spa-apply') && i.user.login === 'github-actions[bot]',
  );
/** The tags of the OU Sandbox, read from AWS directly. */
async function ouTags(c: Checkout): Promise<Record<string, string>> {
  const ou = c.ws.seeded.ouIds.get('Sandbox')!;
  const tags = (await c.ws.aws.organizations.send(new ListTagsForResourceCommand({ ResourceId: ou }))).Tags;
  return Object.fromEntries((tags ?? []).map((t) => [t.Key!, t.Value!]));
}

/** The effective settings that the apply job published to the runtime bucket. */
async function published(c: Checkout): Promise<{ environment: string; digest: string; text: string }> {
  const out = await c.runtime.clients.s3.send(new GetObjectCommand({ Bucket: c.bucket, Key: SETTINGS_KEY }));
  const text = await out.Body!.transformToString();
  return { ...(JSON.parse(text) as { environment: string; digest: string }), text };
}

/** A pull request planned by plan.yml at its head commit, then merged by `merge`. */
async function reviewAndMerge(c: Checkout, number: number, merge: string, labels: string[] = []) {
  const head = `head-${number}`;
  const pull = { number, headSha: head, headRepo: gh.repository, baseRef: 'main', mergeCommitSha: null };
  gh.addPull({ ...pull, mergedAt: null, labels });
  const plan = await c.run({
    workflow: 'plan.yml',
    job: 'plan',
    event: pullRequestOf(number, head, `base-${number}`, gh.repository),
  });
  expect(failures(plan)).toEqual([]);
  gh.addPull({ ...pull, mergedAt: '2026-11-27T12:00:00Z', mergeCommitSha: merge, labels });
  return { plan, comment: gh.commentsOn(number).find((x) => x.user.login === 'github-actions[bot]')! };
}

// Each test runs several jobs of several steps, each step a process: room for a busy machine.
describe('the apply workflow', { timeout: 240_000 }, () => {
  it('applies the plan approved in the merged pull request on the push, and reports on it', async () => {
    co = await checkout(emulator, gh);
    co.snapshotBase();
    co.setSandbox({ managed: true, ouTags: { team: 'platform' } });
    const { comment } = await reviewAndMerge(co, 71, 'merge-71');
    expect(comment.body).toContain('SPA plan for pull request #71');
    // The member StackSet, deployed without OU targets yet (moto lacks them: the test gateway keeps them).
    const cloudFormation = new CloudFormationClient({
      endpoint: emulator.gateway.endpoint,
      region: 'us-east-1',
      credentials: co.ws.aws.credentials,
    });
    await cloudFormation.send(
      new CreateStackSetCommand({
        StackSetName: 'SpaTest-member-accounts',
        TemplateBody: JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }),
        PermissionModel: 'SERVICE_MANAGED',
      }),
    );

    const job = await co.run({ workflow: 'apply.yml', job: 'apply', event: pushOf('merge-71') });
    expect(failures(job)).toEqual([]);
    expect(job.step('gate').outputs).toMatchObject({ apply: 'true', 'allow-large': 'false', prs: '71' });
    // No apply succeeded before: the plan of main is full.
    expect(job.spaCommands()).toEqual([
      'github reference --out reference.json --for-push --applied apply.yml',
      'plan --out plan.json',
      'github apply-gate --plan plan.json',
      'apply plan.json --format json',
      'github report-apply --result result.json --prs=71',
      'publish --yes',
    ]);
    expect(gh.commentsOn(71).at(-1)!.body).toContain('✅ applied');
    expect(await ouTags(co)).toMatchObject({ team: 'platform' });
    // What was applied is what the runtime reads now, and the StackSet targets the managed OU.
    const publish = job.step('publish');
    expect(publish.stdout).toContain(`wrote s3://${co.bucket}/${SETTINGS_KEY}`);
    expect(publish.stderr).toMatch(/^published settings sha256:[0-9a-f]{64} to environment SpaTest$/m);
    const settings = await published(co);
    expect(settings.environment).toBe('SpaTest');
    expect(settings.text).toContain('"platform"');
    const sandbox = co.ws.seeded.ouIds.get('Sandbox')!;
    expect(publish.stdout).toContain(`StackSet SpaTest-member-accounts: added target Sandbox (${sandbox})`);
    const stackSet = await cloudFormation.send(
      new DescribeStackSetCommand({ StackSetName: 'SpaTest-member-accounts' }),
    );
    expect(stackSet.StackSet?.OrganizationalUnitIds).toEqual([sandbox]);
  });

  it('fails when publishing fails, after the apply is done and reported, and says what the runtime keeps', async () => {
    co = await checkout(emulator, gh);
    co.snapshotBase();
    co.setSandbox({ managed: true, ouTags: { team: 'unpublished' } });
    await reviewAndMerge(co, 75, 'merge-75');
    // The runtime bucket is gone: nothing can be published.
    await co.runtime.clients.s3.send(new DeleteBucketCommand({ Bucket: co.bucket }));

    const job = await co.run({ workflow: 'apply.yml', job: 'apply', event: pushOf('merge-75') });
    expect(job.step('apply').outcome).toBe('success');
    expect(gh.commentsOn(75).at(-1)!.body).toContain('✅ applied');
    expect(await ouTags(co)).toMatchObject({ team: 'unpublished' });
    expect(job.step('publish').outcome).toBe('failure');
    expect(failures(job)).toEqual([
      expect.stringMatching(/^spa publish .*NoSuchBucket|^spa publish .*bucket/is),
    ]);
    const said = job.steps.find((x) => x.name === 'Say what a failed publish leaves')!;
    expect(said.stdout).toContain(
      '::error title=spa publish failed::The apply succeeded and its result was reported',
    );
    expect(said.summary).toContain('run spa publish --yes');
    // The plan and the result are kept all the same.
    expect(gh.artifacts.some((a) => a.name.startsWith('apply-'))).toBe(true);
  });

  it('applies a plan from a manual run with the confirmed digest, and closes the spa-apply issue', async () => {
    co = await checkout(emulator, gh);
    co.setSandbox({ managed: true, ouTags: { team: 'direct' } });
    const push = await co.run({ workflow: 'apply.yml', job: 'apply', event: pushOf('direct-1') });
    expect(push.step('gate')).toMatchObject({
      outcome: 'failure',
      outputs: { reason: 'needs-confirmation' },
    });
    expect(applyIssue()?.state).toBe('open');

    const digest = push.step('gate').outputs.digest!;
    const manual = await co.run({
      workflow: 'apply.yml',
      job: 'apply',
      event: dispatchOf('direct-1', digest),
    });
    expect(failures(manual)).toEqual([]);
    // A manual run plans main in full, drift included.
    expect(manual.spaCommands().slice(0, 2)).toEqual([
      'plan --out plan.json',
      'github apply-gate --plan plan.json',
    ]);
    expect(manual.step('gate').outputs).toMatchObject({ apply: 'true', reason: 'confirmed', prs: '' });
    expect(manual.spaCommands().slice(-2)).toEqual([
      'github report-apply --result result.json --prs=',
      'publish --yes',
    ]);
    expect((await published(co)).text).toContain('"direct"');
    expect(applyIssue()?.state).toBe('closed');
    expect(await ouTags(co)).toMatchObject({ team: 'direct' });
  });
});

describe('a large plan in the apply workflow', { timeout: 240_000 }, () => {
  it('is applied with --allow-large from a merge when the pull request carries spa/allow-large', async () => {
    co = await checkout(emulator, gh);
    co.snapshotBase();
    co.setSandbox({ managed: true, tags: { team: 'everyone' } });
    await reviewAndMerge(co, 72, 'merge-72', ['spa/allow-large']);
    const job = await co.run({ workflow: 'apply.yml', job: 'apply', event: pushOf('merge-72') });
    expect(failures(job)).toEqual([]);
    expect(job.step('gate').outputs).toMatchObject({ apply: 'true', 'allow-large': 'true' });
    expect(job.spaCommands()).toContain('apply plan.json --format json --allow-large');
    expect(job.spaCommands()).not.toContain('apply plan.json --format json');
    const accounts = (await readBack(co.ws.aws)).accounts.filter((a) =>
      ['ana', 'ben', 'cyd'].includes(a.name),
    );
    expect(accounts.map((a) => a.tags.team)).toEqual(['everyone', 'everyone', 'everyone']);
  });

  it('is refused from a merge without the label, said on the pull request, and applied when a maintainer confirms it', async () => {
    co = await checkout(emulator, gh);
    co.snapshotBase();
    co.setSandbox({ managed: true, tags: { team: 'everyone' } });
    const { comment } = await reviewAndMerge(co, 73, 'merge-73');
    expect(comment.body).toContain('<code>spa/allow-large</code>');

    const push = await co.run({ workflow: 'apply.yml', job: 'apply', event: pushOf('merge-73') });
    expect(push.step('gate')).toMatchObject({ outcome: 'failure', outputs: { reason: 'large-needs-label' } });
    expect(push.spaCommands()).toEqual([
      'github reference --out reference.json --for-push --applied apply.yml',
      'plan --out plan.json',
      'github apply-gate --plan plan.json',
    ]);
    expect(gh.commentsOn(73).at(-1)!.body).toContain('### SPA apply refused');
    expect(applyIssue()?.state).toBe('open');

    const digest = push.step('gate').outputs.digest!;
    const manual = await co.run({
      workflow: 'apply.yml',
      job: 'apply',
      event: dispatchOf('merge-73', digest),
    });
    expect(failures(manual)).toEqual([]);
    expect(manual.spaCommands()).toContain('apply plan.json --format json --allow-large');
    expect(applyIssue()?.state).toBe('closed');
  });
});

describe('targeted plans in the workflows', { timeout: 300_000 }, () => {
  it("plans a pull request and its merge against the drift run's full plan, reading only what changed since the last apply", async () => {
    co = await checkout(emulator, gh);
    // main as AWS has it: its first apply run has nothing to do, and becomes the previous applied commit.
    co.commit('main-0');
    const first = await co.run({ workflow: 'apply.yml', job: 'apply', event: pushOf('main-0') });
    expect(failures(first)).toEqual([]);
    expect(first.step('gate').outputs).toMatchObject({ apply: 'false', reason: 'no-changes' });
    // The drift run keeps the full plan of main as its artifact.
    const drift = await co.run({
      workflow: 'drift.yml',
      job: 'drift',
      event: { name: 'schedule', sha: 'main-0', payload: {} },
    });
    expect(failures(drift)).toEqual([]);
    expect(drift.spaCommands().filter((c) => c.startsWith('publish'))).toEqual([]);
    const kept = gh.artifacts.find((a) => a.name.startsWith('drift-'))!;
    expect(kept).toBeDefined();
    const driftRun = kept.runId;

    co.snapshotBase();
    co.setSandbox({ managed: true, ouTags: { team: 'platform' } });
    const { plan, comment } = await reviewAndMerge(co, 74, 'merge-74');
    expect(plan.spaCommands().filter((c) => c.startsWith('publish'))).toEqual([]);
    expect(plan.step('reference').outputs).toMatchObject({ 'run-id': String(driftRun) });
    const planStep = plan.steps.find((x) => x.with.args?.startsWith('plan '))!;
    expect(planStep.stderr).toMatch(
      /targeted plan: 3 account\(s\) and 1 OU file\(s\) reached, \d+ AWS calls/,
    );
    const marker = parseMarker(comment.body);
    expect(marker).toMatchObject({ kind: 'plan', pr: 74, reference: driftRun });

    co.commit('merge-74');
    const job = await co.run({ workflow: 'apply.yml', job: 'apply', event: pushOf('merge-74') });
    expect(failures(job)).toEqual([]);
    expect(job.step('reference').outputs).toMatchObject({
      'run-id': String(driftRun),
      'applied-commit': 'main-0',
    });
    expect(job.spaCommands()).toEqual([
      'github reference --out reference.json --for-push --applied apply.yml',
      'plan --base applied --reference reference.json --out plan.json',
      'github apply-gate --plan plan.json',
      'apply plan.json --format json',
      'github report-apply --result result.json --prs=74',
      'publish --yes',
    ]);
    const applied = JSON.parse(readFileSync(join(co.ws.dir, 'plan.json'), 'utf8')) as {
      scope: { kind: string; reference: { digest: string } };
      digest: string;
    };
    expect(applied.scope.kind).toBe('targeted');
    expect(applied.digest).toBe(marker?.kind === 'plan' ? marker.digest : '');
    expect(job.step('gate').outputs).toMatchObject({ apply: 'true', prs: '74' });
    expect(await ouTags(co)).toMatchObject({ team: 'platform' });
  });
});
