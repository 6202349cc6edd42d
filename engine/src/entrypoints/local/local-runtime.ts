import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { buildRuntimeClients, type AwsAccess } from '../../adapters/aws/clients.js';
import { AwsOrganizationReader } from '../../adapters/aws/organization-reader.js';
import { AwsCaller, DEFAULT_RETRY_POLICY } from '../../adapters/aws/retry.js';
import type { RuntimeAccess } from '../../adapters/aws/runtime-access.js';
import { indexDesired } from '../../desired/index-of.js';
import type { DesiredOrganization } from '../../desired/types.js';
import { runtimeNames } from '../../domain/runtime-names.js';
import { windowOfOu } from '../../lifecycle/maintenance-windows.js';
import type { Telemetry } from '../../ports/telemetry.js';
import { RuntimeContainer, type RuntimeDeps } from '../lambda/container.js';
import { lambdaEnvironment } from '../lambda/environment.js';
import { handleActivity } from '../lambda/on-activity.js';
import { handleDeadlines } from '../lambda/on-deadline.js';
import { handleLifecycleEvent } from '../lambda/on-lifecycle-event.js';
import { handleMaintenance } from '../lambda/on-maintenance.js';
import { BuildWatcher } from './build-watcher.js';
import { OrganizationsWatcher } from './organizations-watcher.js';
import { Poller, type Consumer, type Invocation } from './poller.js';
import { provision, type Provisioned, type QueueKind } from './provision.js';

export interface LocalRuntimeOptions {
  desired: DesiredOrganization;
  runtime: RuntimeAccess;
  /** Where the management account is reached (Organizations), for the CloudTrail it plays. */
  managementAccess: AwsAccess;
  telemetry: Telemetry;
  visibilityTimeoutSeconds?: number;
  /** Wraps the handler of a queue (tests count or hold messages); the identity by default. */
  consumerOf?: (kind: QueueKind, handle: Consumer['handle']) => Consumer['handle'];
  onInvocation?: (i: Invocation) => void;
}

/**
 * `spa runtime local`: the runtime's handlers, in this process, against the emulator (or any endpoint). Rules of
 * the default bus of the automation account deliver to the queues; a poller invokes the handlers as Lambda's
 * event source mappings would; it plays what the emulator lacks: CloudTrail for Organizations, CodeBuild's
 * StackSet and state-change events, the Scheduler firing (on demand) and the sweeper's schedule (every tick).
 */
export class LocalRuntime {
  readonly poller: Poller;
  readonly builds: BuildWatcher;
  private readonly organizations: OrganizationsWatcher;
  private consumers: Consumer[] = [];
  readonly container: RuntimeContainer;

  private constructor(
    private readonly options: LocalRuntimeOptions,
    provisioned: Provisioned,
  ) {
    const { runtime, desired } = options;
    const env = lambdaEnvironment({
      environment: desired.environment,
      bucket: desired.settings.runtime.bucket ?? '',
      region: runtime.region,
      account: runtime.account,
      maintenanceQueueUrl: provisioned.queues.maintenance.url,
      service: 'spa-local-runtime',
    });
    this.container = new RuntimeContainer({
      env: { ...env, SPA_SETTINGS_MAX_AGE_MS: '0' },
      access: runtime.access,
      telemetry: options.telemetry,
    });
    this.poller = new Poller(runtime.clients.sqs, runtime.region, options.onInvocation);
    const aws = desired.settings.aws;
    const orgClients = buildRuntimeClients(options.managementAccess, aws.managementRoleArn);
    this.organizations = new OrganizationsWatcher(
      new AwsOrganizationReader(orgClients.organizations, new AwsCaller(DEFAULT_RETRY_POLICY)),
      runtime.clients.eventBridge,
      aws.managementAccountId,
    );
    this.builds = new BuildWatcher(
      (id) => orgClients.codebuildIn(id, aws.memberRoleName),
      runtime.clients.eventBridge,
      runtime.region,
    );
  }

  static async start(options: LocalRuntimeOptions): Promise<LocalRuntime> {
    const { desired, runtime } = options;
    const provisioned = await provision(runtime.clients, {
      environment: desired.environment,
      bucket: desired.settings.runtime.bucket ?? '',
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 5,
    });
    const rt = new LocalRuntime(options, provisioned);
    const concurrency = desired.settings.runtime.maxConcurrentBuilds;
    const deps = () => rt.container.deps();
    const handlers: Record<QueueKind, Consumer['handle']> = {
      lifecycle: async (e) =>
        handleLifecycleEvent(e, { ...(await deps()), idempotent: rt.container.idempotent('lifecycle') }),
      maintenance: async (e) =>
        handleMaintenance(e, { ...(await deps()), idempotent: rt.container.idempotent('maintenance') }),
      activity: async (e) =>
        handleActivity(e, { ...(await deps()), idempotent: rt.container.idempotent('activity') }),
    };
    rt.consumers = (['lifecycle', 'maintenance', 'activity'] as const).map((kind) => ({
      name: kind,
      url: provisioned.queues[kind].url,
      arn: provisioned.queues[kind].arn,
      concurrency: kind === 'activity' ? 2 : concurrency,
      batchSize: kind === 'lifecycle' ? 1 : 10,
      handle: options.consumerOf ? options.consumerOf(kind, handlers[kind]) : handlers[kind],
    }));
    await rt.organizations.tick();
    return rt;
  }

  /** The use cases' deps, as the handlers get them. */
  deps(): Promise<RuntimeDeps> {
    return this.container.deps();
  }

  /** One round: CloudTrail of what changed, build state changes, the queues drained, the sweeper. */
  async tick(): Promise<number> {
    let work = await this.organizations.tick();
    for (const a of this.organizations.accounts) await this.builds.deploy(a.id);
    const stateKey = this.options.desired.settings.reservedTags.state;
    const building = this.organizations.accounts.filter((a) =>
      ['assigned', 'expired'].includes(a.tags[stateKey] ?? ''),
    );
    work += await this.builds.tick(building.map((a) => a.id));
    for (const consumer of this.consumers) work += await this.poller.drain(consumer);
    const swept = await handleDeadlines(await this.deps());
    return work + swept.reported;
  }

  /**
   * Ticks until nothing happens any more and no message waits in a queue (a failed one comes back after the
   * visibility timeout): what the tests and the demo wait for. Gives up after `maxRounds`.
   */
  async runUntilIdle(maxRounds = 60): Promise<void> {
    let quiet = 0;
    for (let round = 0; round < maxRounds; round++) {
      const work = await this.tick();
      const waiting = (await Promise.all(this.consumers.map((c) => this.poller.pending(c)))).reduce(
        (a, b) => a + b,
        0,
      );
      if (work === 0 && waiting === 0 && ++quiet >= 2) return;
      if (work > 0) quiet = 0;
      if (work === 0 && waiting > 0) await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the local runtime did not settle in ${maxRounds} rounds`);
  }

  /** Runs until the signal aborts, one tick every `intervalMs`. */
  async run(signal: AbortSignal, intervalMs = 1000): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.tick();
      } catch (error) {
        this.options.telemetry.log('error', `tick failed: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /**
   * Plays Scheduler: sends the input of the maintenance schedule of `ouPath` (or of every schedule) to its
   * target, with the context attributes filled in, as Scheduler does at the window. Returns the windows fired.
   */
  async fire(ouPath?: string): Promise<string[]> {
    const { clients } = this.options.runtime;
    const group = runtimeNames(this.options.desired.environment).scheduleGroup;
    const names = (
      (await clients.scheduler.send(new ListSchedulesCommand({ GroupName: group }))).Schedules ?? []
    ).map((s) => s.Name!);
    const window = ouPath === undefined ? undefined : windowOfOu(indexDesired(this.options.desired), ouPath);
    const fired: string[] = [];
    for (const name of names) {
      const s = await clients.scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
      if (window !== undefined && s.ScheduleExpression !== window) continue;
      const queueName = s.Target!.Arn!.split(':').at(-1)!;
      const url = (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl!;
      const body = s
        .Target!.Input!.replace('<aws.scheduler.execution-id>', crypto.randomUUID())
        .replace('<aws.scheduler.scheduled-time>', new Date().toISOString());
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
      fired.push(s.ScheduleExpression!);
    }
    return fired;
  }
}
