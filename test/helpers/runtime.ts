import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectRuntime, type RuntimeAccess } from '../../engine/src/adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import { consoleTelemetry } from '../../engine/src/entrypoints/local/console-telemetry.js';
import { EventTap } from '../../engine/src/entrypoints/local/event-tap.js';
import { LocalRuntime, type LocalRuntimeOptions } from '../../engine/src/entrypoints/local/local-runtime.js';
import type { AccountRecord } from '../../engine/src/lifecycle/states.js';
import type { SeedSpec } from '../support/seed.js';
import { minimalFor, workspace, type Emulator, type Workspace } from './org.js';
import { repoRoot, type MinimalTree, type Tree } from './tree.js';

let nextAutomation = 0;

/** An automation account per test world, apart from every management account. */
export function newAutomationAccountId(): string {
  nextAutomation++;
  return `3${String(process.pid % 100000).padStart(5, '0')}${String(nextAutomation).padStart(6, '0')}`;
}

/** A settings directory with a runtime (automation account, bucket) and the repository's buildspecs. */
export function runtimeTree(spec: MinimalTree, automation: string): (managementAccountId: string) => Tree {
  return (id) => {
    const tree = minimalFor({
      ...spec,
      settings: {
        runtime: { account: automation, bucket: `spa-runtime-${automation}` },
        ...spec.settings,
      },
    })(id);
    for (const name of ['prepare', 'purge'])
      tree[`buildspecs/${name}.yml`] = readFileSync(join(repoRoot, 'buildspecs', `${name}.yml`), 'utf8');
    return tree;
  };
}

export interface RuntimeWorld {
  ws: Workspace;
  desired: DesiredOrganization;
  runtime: RuntimeAccess;
  rt: LocalRuntime;
  tap: EventTap;
  logs: string[];
  telemetry: ReturnType<typeof consoleTelemetry>;
  /** The record of an account, read from the records table. */
  record(accountId: string): Promise<AccountRecord | undefined>;
  /** Tags of an account, read from Organizations. */
  tags(accountId: string): Promise<Record<string, string>>;
  /** Publishes the settings of the workspace again (after a change) and reloads them. */
  publish(): Promise<void>;
}

/**
 * An organization, its settings (published), and the local runtime watching it, with a queue subscribed to every
 * SPA event. The runtime's first look at the organization happens here, so what the test does next is what it
 * reacts to.
 */
export async function runtimeWorld(
  emulator: Emulator,
  seed: SeedSpec,
  spec: MinimalTree,
  options: Partial<
    Pick<
      LocalRuntimeOptions,
      'now' | 'consumerOf' | 'onInvocation' | 'visibilityTimeoutSeconds' | 'github' | 'webhookBackoffMs'
    >
  > = {},
): Promise<RuntimeWorld> {
  const automation = newAutomationAccountId();
  const ws = await workspace(emulator, seed, runtimeTree(spec, automation));
  const compiled = await ws.spa(['compile']);
  const desired = JSON.parse(compiled.stdout) as DesiredOrganization;
  const base = {
    region: 'us-east-1',
    endpoint: emulator.gateway.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const runtime = await connectRuntime(base, desired.settings, desired.environment);
  const logs: string[] = [];
  const telemetry = consoleTelemetry((line) => logs.push(line));
  const rt = await LocalRuntime.start({
    desired,
    runtime,
    managementAccess: base,
    telemetry,
    visibilityTimeoutSeconds: 1,
    ...options,
  });
  const published = await ws.spa(['publish']);
  if (published.code !== 0) throw new Error(`spa publish failed:\n${published.stderr}`);
  const tap = await EventTap.create(runtime.clients, `tap-${automation}`);
  const world: RuntimeWorld = {
    ws,
    desired,
    runtime,
    rt,
    tap,
    logs,
    telemetry,
    record: async (id) => (await rt.deps()).records.get(id),
    tags: async (id) => (await (await rt.deps()).reader.readTags(id)) ?? {},
    async publish() {
      const r = await ws.spa(['publish']);
      if (r.code !== 0) throw new Error(`spa publish failed:\n${r.stderr}`);
    },
  };
  return world;
}
