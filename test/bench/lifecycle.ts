// The lifecycle's figures: each Lambda bundle's size and module initialisation time, and the maintenance window's
// fan-out over a large organization on the local runtime (messages counted, the longest invocation timed).
import { spawnSync } from 'node:child_process';
import { connectRuntime } from '../../engine/src/adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import { consoleTelemetry } from '../../engine/src/entrypoints/local/console-telemetry.js';
import { LocalRuntime } from '../../engine/src/entrypoints/local/local-runtime.js';
import type { Invocation } from '../../engine/src/entrypoints/local/poller.js';
import { bundleLambdas } from '../../engine/scripts/bundle-lambdas.js';
import { spa, writeTree } from '../helpers/cli.js';
import { countingAccounts } from '../helpers/fan-out.js';
import { runtimeTree } from '../helpers/runtime.js';
import { startGateway } from '../support/aws-gateway.js';
import { startMoto } from '../support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../support/seed.js';
import { median } from './measure.js';

export interface BundleBench {
  name: string;
  kib: number;
  initMs: number;
}

/** Bundles the handlers, then imports each in 5 fresh Node processes: the median time of the import. */
export async function benchBundles(): Promise<BundleBench[]> {
  const out: BundleBench[] = [];
  for (const b of await bundleLambdas()) {
    const times = Array.from({ length: 5 }, () => {
      const r = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(b.file)}); process.stdout.write(String(performance.now() - t));`,
        ],
        { encoding: 'utf8' },
      );
      return Number(r.stdout);
    });
    out.push({ name: b.name, kib: b.bytes / 1024, initMs: median(times) });
  }
  return out;
}

export interface WindowBench {
  accounts: number;
  accountMessages: number;
  /** Distinct accounts among them (SQS delivers at least once: the account handler is idempotent). */
  distinctAccounts: number;
  /** Invocations of the maintenance handler that fanned out: the window and each OU page. */
  fanOutInvocations: number;
  maxMessagesSent: number;
  longestInvocationMs: number;
  wallMs: number;
}

/** A maintenance window over `size` managed accounts in 5 OUs: the fan-out only (account messages counted). */
export async function benchWindow(size: number, log: (s: string) => void): Promise<WindowBench> {
  const moto = await startMoto();
  const gateway = await startGateway(moto.endpoint);
  try {
    const mgmt = '210000000001';
    const automation = '310000000001';
    const ous = ['Sandbox', ...Array.from({ length: 4 }, (_, i) => `Sandbox/Team${i}`)];
    const aws = await testAws(gateway.endpoint, mgmt);
    log(`seeding ${size} accounts`);
    await seedOrganization(aws, {
      ous,
      accounts: Array.from({ length: size }, (_, i) => ({
        name: `user-${i}`,
        email: `user-${i}@example.com`,
        ou: ous[i % ous.length]!,
      })),
    });
    const tree = runtimeTree(
      { settings: { maintenanceWindow: 'cron(0 18 ? * SAT *)' }, ous: { Sandbox: { managed: true } } },
      automation,
    )(mgmt);
    const { dir, cleanup } = writeTree(tree);
    try {
      const env = cliEnv(gateway.endpoint);
      const desired = JSON.parse((await spa(['compile'], { cwd: dir, env })).stdout) as DesiredOrganization;
      const base = {
        region: 'us-east-1',
        endpoint: gateway.endpoint,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      };
      const runtime = await connectRuntime(base, desired.settings, desired.environment);
      const counting = countingAccounts();
      const invocations: Invocation[] = [];
      const logs: string[] = [];
      const rt = await LocalRuntime.start({
        desired,
        runtime,
        managementAccess: base,
        telemetry: consoleTelemetry((l) => logs.push(l)),
        visibilityTimeoutSeconds: 300,
        watch: false,
        consumerOf: counting.consumerOf,
        onInvocation: (i) => invocations.push(i),
      });
      await spa(['publish'], { cwd: dir, env });
      log('firing the window');
      const started = performance.now();
      await rt.fire('Sandbox');
      await rt.runUntilIdle(200);
      const wallMs = performance.now() - started;
      const sent = logs
        .map((l) => JSON.parse(l) as { result?: { outcome?: string; messages?: number } })
        .filter((l) => l.result?.outcome === 'fanned-out')
        .map((l) => l.result!.messages!);
      const maintenance = invocations.filter((i) => i.queue === 'maintenance');
      return {
        accounts: size,
        accountMessages: counting.accounts.length,
        distinctAccounts: new Set(counting.accounts).size,
        fanOutInvocations: sent.length,
        maxMessagesSent: Math.max(...sent),
        longestInvocationMs: Math.max(...maintenance.map((i) => i.durationMs)),
        wallMs,
      };
    } finally {
      cleanup();
    }
  } finally {
    await gateway.stop();
    await moto.stop();
  }
}
