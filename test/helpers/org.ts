import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import type { ApplyResult, Plan } from '../../engine/src/domain/generated/types.js';
import { expectValid } from './schema.js';
import { startGateway, type Gateway } from '../support/aws-gateway.js';
import { withManagementAccount } from '../support/demo-org.js';
import { startMoto, type Moto } from '../support/moto.js';
import {
  cliEnv,
  seedOrganization,
  testAws,
  type Seeded,
  type SeedSpec,
  type TestAws,
} from '../support/seed.js';
import { spa, writeTree, type CliResult } from './cli.js';
import { minimalTree, sampleTree, type MinimalTree, type Tree } from './tree.js';

export interface Emulator {
  moto: Moto;
  gateway: Gateway;
  stop(): Promise<void>;
}

let workerEmulatorTaken = false;

/**
 * The emulator of this vitest worker, emptied, from the pool of the run (test/support/moto-pool.ts); a moto of
 * its own when there is no pool, or when this file already holds the worker's emulator.
 */
async function emptyMoto(): Promise<Moto> {
  const pool = inject('motoPool');
  const worker = process.env.VITEST_POOL_ID;
  if (!pool || !worker || workerEmulatorTaken) return startMoto();
  const r = await fetch(`${pool}/workers/${worker}`, { method: 'POST' });
  if (!r.ok) throw new Error(`the emulator pool gave no emulator: ${await r.text()}`);
  const endpoint = (await r.json()) as string;
  workerEmulatorTaken = true;
  // The worker's emulator outlives the file: the next file of the worker gets it emptied.
  return { endpoint, stop: () => Promise.resolve(void (workerEmulatorTaken = false)) };
}

/** moto (empty) and the gateway in front of it, for one test file. */
export async function startEmulator(): Promise<Emulator> {
  const moto = await emptyMoto();
  const gateway = await startGateway(moto.endpoint);
  return {
    moto,
    gateway,
    stop: async () => {
      await gateway.stop();
      await moto.stop();
    },
  };
}

let nextAccount = 0;

/** A fresh management account per organization: moto keeps accounts apart, so tests never see each other's. */
export function newManagementAccountId(): string {
  nextAccount++;
  return `2${String(process.pid % 100000).padStart(5, '0')}${String(nextAccount).padStart(6, '0')}`;
}

/** A settings directory and an organization, wired together: what a user of spa has. */
export interface Workspace {
  dir: string;
  managementAccountId: string;
  aws: TestAws;
  seeded: Seeded;
  env: Record<string, string>;
  spa(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  /** Rewrites a file of the settings directory. */
  write(path: string, text: string): void;
  read(path: string): string;
  plan(extra?: string[]): Promise<{ result: CliResult; plan: Plan }>;
  apply(extra?: string[]): Promise<{ result: CliResult; outcome: ApplyResult }>;
  cleanup(): void;
}

/** An organization seeded from `spec`, and a settings directory from `tree` (given the management account). */
export async function workspace(
  emulator: Emulator,
  spec: SeedSpec,
  tree: Tree | ((managementAccountId: string) => Tree | Promise<Tree>),
): Promise<Workspace> {
  const managementAccountId = newManagementAccountId();
  const aws = await testAws(emulator.gateway.endpoint, managementAccountId);
  const seeded = await seedOrganization(aws, spec);
  const files = typeof tree === 'function' ? await tree(managementAccountId) : tree;
  const { dir, cleanup } = writeTree(files);
  const env = cliEnv(emulator.gateway.endpoint);
  const ws: Workspace = {
    dir,
    managementAccountId,
    aws,
    seeded,
    env,
    spa: (args, extraEnv = {}) => spa(args, { cwd: dir, env: { ...env, ...extraEnv } }),
    write: (path, text) => writeTree.into(dir, path, text),
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    async plan(extra = []) {
      const result = await ws.spa(['plan', '--out', 'plan.json', ...extra]);
      expect(result.stderr, 'spa plan wrote no error').not.toMatch(/^spa: /m);
      const plan = JSON.parse(ws.read('plan.json')) as Plan;
      expectValid('plan.schema.json', plan);
      return { result, plan };
    },
    async apply(extra = []) {
      const result = await ws.spa(['apply', 'plan.json', '--format', 'json', ...extra]);
      const outcome = JSON.parse(result.stdout) as ApplyResult;
      expectValid('apply-result.schema.json', outcome);
      return { result, outcome };
    },
    cleanup,
  };
  return ws;
}

/** The sample settings of the repository, for the organization of `managementAccountId` (reached by a role). */
export async function sampleFor(managementAccountId: string): Promise<Tree> {
  const tree = await sampleTree();
  tree['settings.yaml'] = withManagementAccount(
    tree['settings.yaml']!,
    managementAccountId,
    `arn:aws:iam::${managementAccountId}:role/SpaEngine`,
  );
  return tree;
}

/** A minimal settings tree for the organization of `managementAccountId`. */
export function minimalFor(spec: MinimalTree): (managementAccountId: string) => Tree {
  return (id) =>
    minimalTree({
      ...spec,
      settings: {
        aws: {
          region: 'eu-west-1',
          managementAccountId: id,
          managementRoleArn: `arn:aws:iam::${id}:role/SpaEngine`,
        },
        budgets: { alertTopicArn: `arn:aws:sns:us-east-1:${id}:SpaBudgetAlerts` },
        ...spec.settings,
      },
    });
}

export { expectValid };
