// The organization whose month the SPA cost benchmark plays: `size` released accounts in one managed OU, with
// preparation and purge on, budgets, the GitHub App of the exceptions, and the local runtime watching it.
import { generateKeyPairSync } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Invocation } from '../../engine/src/entrypoints/local/poller.js';
import type { Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';
import { startGateway } from '../support/aws-gateway.js';
import { startGithubServer, type GithubServer } from '../support/github-server.js';
import { startMoto } from '../support/moto.js';
import { createBudgetDirectly } from '../support/seed.js';

const APP = { appId: '5151', installationId: 99, token: 'runtime-app-token', slug: 'spa-runtime' };

export interface CostWorld {
  emulator: Emulator;
  github: GithubServer;
  w: RuntimeWorld;
  ids: string[];
  /** The handlers' invocations since the last `take`. */
  invocations: Invocation[];
  stop(): Promise<void>;
}

export async function costWorld(size: number, log: (s: string) => void): Promise<CostWorld> {
  const moto = await startMoto();
  const gateway = await startGateway(moto.endpoint);
  const emulator: Emulator = {
    moto,
    gateway,
    stop: async () => {
      await gateway.stop();
      await moto.stop();
    },
  };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const github = await startGithubServer({
    tokens: { [APP.token]: { login: 'spa-runtime[bot]', id: 777001, type: 'Bot' } },
    app: { ...APP, publicKey },
  });
  const invocations: Invocation[] = [];
  log(`seeding ${size} released accounts (not measured)`);
  const accounts = Array.from({ length: size }, (_, i) => ({
    name: `user-${i}`,
    email: `user-${i}@example.com`,
    ou: 'Sandbox',
    tags: { 'account-state': 'released' },
  }));
  const w = await runtimeWorld(
    emulator,
    { ous: ['Sandbox'], accounts },
    {
      defaults: {
        organizationalUnit: 'Sandbox',
        preparation: { enabled: true },
        purge: { enabled: true, variables: { PURGE_MODE: '--force' } },
      },
      settings: {
        maintenanceWindow: 'cron(0 18 ? * SAT *)',
        github: { repository: github.repository, appSecret: 'spa/github-app' },
      },
      ous: { Sandbox: { managed: true, budget: { amount: 100 } } },
    },
    {
      github: { apiUrl: github.url, writeIntervalMs: 1 },
      visibilityTimeoutSeconds: 2,
      onInvocation: (i) => invocations.push(i),
    },
  );
  const ids = accounts.map((a) => w.ws.seeded.accountIds.get(a.email)!);
  await w.runtime.session.client(SecretsManagerClient).send(
    new CreateSecretCommand({
      Name: 'spa/github-app',
      SecretString: JSON.stringify({ appId: APP.appId, installationId: APP.installationId, privateKey }),
    }),
  );
  // The budgets spa apply keeps in the management account, notifying the runtime's budget topic.
  for (const id of ids)
    await createBudgetDirectly(
      w.ws.aws,
      `${w.desired.environment}-${id}`,
      id,
      100,
      [80],
      [w.rt.budgetTopicArn],
    );
  log('the runtime adopts the accounts (not measured)');
  await w.rt.runUntilIdle(200);
  invocations.length = 0;
  return {
    emulator,
    github,
    w,
    ids,
    invocations,
    stop: async () => {
      w.ws.cleanup();
      await github.close();
      await emulator.stop();
    },
  };
}
