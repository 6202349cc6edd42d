import { SNSClient } from '@aws-sdk/client-sns';
import { organizationReader } from '../../adapters/aws/factories/gitops.js';
import { memberCodeBuild } from '../../adapters/aws/factories/runtime.js';
import { AwsCaller, DEFAULT_RETRY_POLICY } from '../../adapters/aws/retry.js';
import { AwsSession, type AwsAccess } from '../../adapters/aws/session.js';
import type { RuntimeAccess } from '../../adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../../desired/types.js';
import type { Telemetry } from '../../ports/telemetry.js';
import { LAMBDA_RETRY_POLICY, RuntimeContainer, type RuntimePorts } from '../lambda/container.js';
import { lambdaEnvironment } from '../lambda/environment.js';
import { handleActivity } from '../lambda/on-activity.js';
import { handleDeadlines } from '../lambda/on-deadline.js';
import { handleLifecycleEvent } from '../lambda/on-lifecycle-event.js';
import { handleMaintenance } from '../lambda/on-maintenance.js';
import { runtimeRules } from '../../domain/runtime-rules.js';
import { accountClients } from './account-clients.js';
import { BuildWatcher } from './build-watcher.js';
import { BusRelay } from './bus-relay.js';
import { checkEmulator } from './emulator-check.js';
import { lambdaContext } from './lambda-context.js';
import { OrganizationsWatcher } from './organizations-watcher.js';
import { Poller, type Consumer, type Invocation } from './poller.js';
import { fireWindow } from './scheduler-fire.js';
import { provision, QUEUE_KINDS, type Provisioned, type QueueKind } from './provision.js';
import { handleExceptions } from '../lambda/on-exception.js';
import { ExceptionContainer } from '../lambda/exception-ports.js';

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
  /** The clock of the handlers (tests move it past deadlines). */
  now?: () => Date;
  /** false: no CloudTrail nor CodeBuild played (the benchmark of the fan-out). Default true. */
  watch?: boolean;
  /** Where the exceptions handler finds GitHub (SPA_GITHUB_API_URL), its write spacing, the webhooks' backoff. */
  github?: { apiUrl: string; writeIntervalMs?: number };
  webhookBackoffMs?: number;
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
  /** Carries what other accounts put on their bus to the central bus, as theirs. */
  readonly relay: BusRelay;
  private readonly organizations: OrganizationsWatcher;
  private consumers: Consumer[] = [];
  readonly container: RuntimeContainer;
  /** The exceptions handler's deps over the container (Cost Explorer, GitHub, the channels). */
  readonly exceptions: ExceptionContainer;
  /** The budget topic the local runtime created (budgets.alertTopicArn): what AWS Budgets publishes to. */
  readonly budgetTopicArn: string;

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
    this.budgetTopicArn = provisioned.budgetTopicArn;
    this.container = new RuntimeContainer({
      env: {
        ...env,
        SPA_SETTINGS_MAX_AGE_MS: '0',
        ...(options.github ? { SPA_GITHUB_API_URL: options.github.apiUrl } : {}),
        ...(options.github?.writeIntervalMs !== undefined
          ? { SPA_GITHUB_WRITE_INTERVAL_MS: String(options.github.writeIntervalMs) }
          : {}),
        ...(options.webhookBackoffMs !== undefined
          ? { SPA_WEBHOOK_BACKOFF_MS: String(options.webhookBackoffMs) }
          : {}),
      },
      access: runtime.access,
      telemetry: options.telemetry,
      // moto checks a condition and writes without a lock: concurrent conditional writes to one item may both
      // pass, where DynamoDB makes each atomic. One write at a time restores that here.
      policy: { ...LAMBDA_RETRY_POLICY, writeConcurrency: 1 },
      ...(options.now ? { now: options.now } : {}),
    });
    this.exceptions = new ExceptionContainer(this.container);
    this.poller = new Poller(runtime.clients.sqs, runtime.region, options.onInvocation, (queue, error) =>
      options.telemetry.log(
        'error',
        `the ${queue} handler failed its whole batch: ${(error as Error).message}`,
      ),
    );
    const aws = desired.settings.aws;
    const management = AwsSession.open(options.managementAccess);
    this.relay = centralRelay(options, provisioned, management);
    this.organizations = new OrganizationsWatcher(
      organizationReader(
        management.asManagement(aws.managementRoleArn, 'spa-runtime'),
        new AwsCaller(DEFAULT_RETRY_POLICY),
      ),
      () => this.relay.bus(aws.managementAccountId),
      aws.managementAccountId,
    );
    // CodeBuild in the member accounts, in the runtime's region, as the Lambdas reach it.
    const here = management.in(runtime.region);
    const codebuildIn = memberCodeBuild(here, here.asManagement(aws.managementRoleArn, 'spa-runtime'));
    this.builds = new BuildWatcher(
      (id) => codebuildIn(id, aws.memberRoleName),
      (id) => this.relay.bus(id),
      runtime.region,
    );
  }

  static async start(options: LocalRuntimeOptions): Promise<LocalRuntime> {
    const { desired, runtime } = options;
    await checkEmulator(runtime.session, runtime.account);
    const provisioned = await provision(runtime.clients, runtime.session.client(SNSClient), {
      environment: desired.environment,
      bucket: desired.settings.runtime.bucket ?? '',
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 5,
    });
    const rt = new LocalRuntime(options, provisioned);
    const concurrency = desired.settings.runtime.maxConcurrentBuilds;
    const deps = () => rt.container.deps();
    const handlers: Record<QueueKind, Consumer['handle']> = {
      lifecycle: async (e) =>
        handleLifecycleEvent(
          e,
          { ...(await deps()), idempotent: rt.container.idempotent('lifecycle') },
          lambdaContext('lifecycle'),
        ),
      maintenance: async (e) =>
        handleMaintenance(
          e,
          { ...(await deps()), idempotent: rt.container.idempotent('maintenance') },
          lambdaContext('maintenance'),
        ),
      activity: async (e) =>
        handleActivity(
          e,
          { ...(await deps()), idempotent: rt.container.idempotent('activity') },
          lambdaContext('activity'),
        ),
      exceptions: async (e) =>
        handleExceptions(
          e,
          { ...(await rt.exceptions.deps()), idempotent: rt.container.idempotent('exceptions') },
          lambdaContext('exceptions'),
        ),
    };
    rt.consumers = QUEUE_KINDS.map((kind) => ({
      name: kind,
      url: provisioned.queues[kind].url,
      arn: provisioned.queues[kind].arn,
      // One writer to the repository, as GitHub asks: the exceptions handler runs one batch at a time.
      concurrency: kind === 'exceptions' ? 1 : kind === 'activity' ? 2 : concurrency,
      batchSize: kind === 'lifecycle' ? 1 : 10,
      handle: options.consumerOf ? options.consumerOf(kind, handlers[kind]) : handlers[kind],
    }));
    if (options.watch !== false) {
      await rt.organizations.tick();
      await rt.deployProjects();
    }
    return rt;
  }

  /** Plays the StackSet: the CodeBuild projects in every account of the organization, eight accounts at a time. */
  private async deployProjects(): Promise<void> {
    const ids = this.organizations.accounts.map((a) => a.id);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) await this.builds.deploy(ids[next++]!);
      }),
    );
  }

  /** The use cases' deps, as the handlers get them. */
  deps(): Promise<RuntimePorts> {
    return this.container.deps();
  }

  /** One round: CloudTrail of what changed, build state changes, the queues drained, the sweeper. */
  async tick(): Promise<number> {
    let work = 0;
    if (this.options.watch !== false) {
      work += await this.organizations.tick();
      await this.deployProjects();
    }
    const stateKey = this.options.desired.settings.reservedTags.state;
    const building = this.organizations.accounts.filter((a) =>
      ['assigned', 'expired'].includes(a.tags[stateKey] ?? ''),
    );
    work += await this.builds.tick(building.map((a) => a.id));
    work += await this.relay.tick();
    for (const consumer of this.consumers) work += await this.poller.drain(consumer);
    return work + (await this.sweep());
  }

  /** Plays the sweeper's schedule; a failed run is logged, as a failed invocation would be, and tried next tick. */
  private async sweep(): Promise<number> {
    try {
      return (await handleDeadlines(await this.deps())).reported;
    } catch (error) {
      this.options.telemetry.log('error', `the deadline sweeper failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /**
   * Ticks until nothing happens any more and no message waits in a queue (a failed one comes back after the
   * visibility timeout): what the tests and the demo wait for. Gives up after `maxRounds`.
   */
  async runUntilIdle(maxRounds = 60): Promise<void> {
    let quiet = 0;
    for (let round = 0; round < maxRounds; round++) {
      const work = await this.tick();
      if (work > 0) {
        quiet = 0;
        continue;
      }
      // Only a round without work asks the queues what waits: a busy round ticks again anyway.
      const waiting =
        (await Promise.all(this.consumers.map((c) => this.poller.pending(c)))).reduce((a, b) => a + b, 0) +
        (await this.relay.pending());
      if (waiting === 0 && ++quiet >= 2) return;
      if (waiting > 0) await new Promise((r) => setTimeout(r, 250));
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

  /** Plays Scheduler at the window of `ouPath` (or at every window): see fireWindow. */
  fire(ouPath?: string): Promise<string[]> {
    return fireWindow(this.options.runtime.clients, this.options.desired, ouPath);
  }
}

/** The relay of the other accounts' events to the queues of the central bus (see BusRelay). */
function centralRelay(
  options: LocalRuntimeOptions,
  provisioned: Provisioned,
  management: AwsSession,
): BusRelay {
  const { runtime, desired } = options;
  return new BusRelay(
    (id) => accountClients(management, runtime.region, id, desired.settings.aws),
    {
      account: runtime.account,
      eventBridge: runtime.clients.eventBridge,
      sqs: runtime.clients.sqs,
      queues: {
        lifecycle: provisioned.queues.lifecycle.url,
        activity: provisioned.queues.activity.url,
        exceptions: provisioned.queues.exceptions.url,
      },
    },
    runtimeRules(desired.environment),
    `${desired.environment}-to-central-bus`,
  );
}
