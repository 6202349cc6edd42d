import {
  BatchGetBuildsCommand,
  ListBuildsForProjectCommand,
  type CodeBuildClient,
} from '@aws-sdk/client-codebuild';
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PREPARATION_PROJECT, PURGE_PROJECT, type BuildProject } from '../../domain/runtime-names.js';
import { ensureEmulatedProject } from './emulated-project.js';

export type BuildOutcome = 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'silent';

/**
 * Plays what CodeBuild does around moto's builds: the StackSet that deploys the two projects once in every
 * member account, and the Build State Change events (moto finishes builds at once but emits nothing), put by the
 * member account and carried to the central bus. Builds can be made to fail, be stopped, or never report, for the demo and the tests.
 */
export class BuildWatcher {
  private readonly reported = new Set<string>();
  private readonly deployed = new Set<string>();
  private readonly outcomes = new Map<string, BuildOutcome>();

  constructor(
    private readonly codebuildIn: (accountId: string) => CodeBuildClient,
    /** The bus of a member account, carried to the central bus (bus-relay.ts): the events are that account's. */
    private readonly busOf: (accountId: string) => Promise<EventBridgeClient>,
    private readonly region: string,
  ) {}

  /** The next builds of `project` in `accountId` (or in every account, with '*') end with `outcome`. */
  setOutcome(accountId: string, project: BuildProject, outcome: BuildOutcome | undefined): void {
    const key = `${accountId}/${project}`;
    if (outcome === undefined) this.outcomes.delete(key);
    else this.outcomes.set(key, outcome);
  }

  /** The StackSet's part: both projects in the account, created once, never re-created per run. */
  async deploy(accountId: string): Promise<void> {
    if (this.deployed.has(accountId)) return;
    const client = this.codebuildIn(accountId);
    for (const name of [PREPARATION_PROJECT, PURGE_PROJECT])
      await ensureEmulatedProject(client, name, `arn:aws:iam::${accountId}:role/SpaCodeBuild`);
    this.deployed.add(accountId);
  }

  /** Reports the builds that ended since the last tick in these accounts; returns the number of events put. */
  async tick(accountIds: readonly string[]): Promise<number> {
    let put = 0;
    for (const accountId of accountIds) {
      const entries = [];
      const client = this.codebuildIn(accountId);
      for (const project of [PREPARATION_PROJECT, PURGE_PROJECT] as const) {
        const ids = (await client.send(new ListBuildsForProjectCommand({ projectName: project }))).ids ?? [];
        const fresh = ids.filter((id) => !this.reported.has(id));
        if (fresh.length === 0) continue;
        const builds = (await client.send(new BatchGetBuildsCommand({ ids: fresh }))).builds ?? [];
        for (const build of builds) {
          this.reported.add(build.id!);
          const outcome =
            this.outcomes.get(`${accountId}/${project}`) ??
            this.outcomes.get(`*/${project}`) ??
            build.buildStatus;
          if (outcome === 'silent' || outcome === 'IN_PROGRESS') continue;
          entries.push(this.stateChange(accountId, project, build.id!, outcome ?? 'SUCCEEDED'));
        }
      }
      if (entries.length === 0) continue;
      const bus = await this.busOf(accountId);
      for (let i = 0; i < entries.length; i += 10)
        await bus.send(new PutEventsCommand({ Entries: entries.slice(i, i + 10) }));
      put += entries.length;
    }
    return put;
  }

  private stateChange(accountId: string, project: string, buildId: string, status: string) {
    const arn = `arn:aws:codebuild:${this.region}:${accountId}:build/${buildId}`;
    return {
      Source: 'aws.codebuild',
      DetailType: 'CodeBuild Build State Change',
      Resources: [arn],
      Detail: JSON.stringify({
        'build-status': status,
        'project-name': project,
        'build-id': arn,
        'additional-information': { 'build-complete': true, initiator: 'spa-lifecycle' },
        'current-phase': 'COMPLETED',
        'current-phase-context': '[]',
        version: '1',
      }),
    };
  }
}
