import { generateKeyPairSync } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  costWorkspace,
  FOLDER,
  october,
  queueMonth,
  september,
  type CostWorkspace,
} from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { startGithubServer, type GithubServer } from '../support/github-server.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const APP = { appId: '424242', installationId: 777, publicKey, token: 'app-installation-token' };

let emulator: Emulator;
let github: GithubServer;
beforeAll(async () => {
  emulator = await startEmulator();
  github = await startGithubServer({
    tokens: {
      'bot-token': { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      [APP.token]: { login: 'spa-reports[bot]', id: 5150, type: 'Bot' },
    },
    app: APP,
  });
});
afterAll(async () => {
  await github?.close();
  await emulator?.stop();
});

const env = (extra: Record<string, string> = {}) => ({
  GITHUB_REPOSITORY: github.repository,
  GITHUB_API_URL: github.url,
  SPA_GITHUB_WRITE_INTERVAL_MS: '1',
  SPA_NOW: '2026-11-14T07:00:00Z',
  ...extra,
});

/** A report run on a fresh organization, with its Cost Explorer answers queued; returns what it committed. */
async function commitReport(ws: CostWorkspace, extraEnv: Record<string, string>) {
  await queueMonth(emulator, ws, october(ws), september(ws));
  const before = github.git.refs.get('heads/main')!;
  const r = await ws.spa(['report', 'costs', '--month', '2026-10', '--commit'], env(extraEnv));
  expect(r.stderr).not.toMatch(/^spa: /m);
  expect(r.code).toBe(0);
  return { r, before, head: github.git.refs.get('heads/main')! };
}

describe('spa report costs --commit', () => {
  it('commits every file of the run as one commit on the branch, parent the head, replacing the month', async () => {
    github.git.push('main', {
      'README.md': '# Settings\n',
      [`${FOLDER}/cost-centers/2026-10-CC-GONE-services.csv`]: 'a cost center of the preliminary report\n',
    });
    const ws = await costWorkspace(emulator);
    const { r, before, head } = await commitReport(ws, { GITHUB_TOKEN: 'bot-token' });

    const commit = github.git.commits.get(head)!;
    expect(commit.parents).toEqual([before]);
    expect(commit.message).toMatch(/^Costs of 2026-10: final report/);
    const files = github.git.filesOf(head);
    expect(files.get('README.md')!.toString()).toBe('# Settings\n');
    expect(files.has(`${FOLDER}/cost-centers/2026-10-CC-GONE-services.csv`)).toBe(false);
    const written = [...files.keys()].filter((p) => p.startsWith(FOLDER));
    expect(written).toContain(`${FOLDER}/README.md`);
    expect(written).toContain(`${FOLDER}/2026-10-summary.xlsx`);
    expect(written.filter((p) => p.includes('/cost-centers/'))).toHaveLength(6 * 4);
    expect(r.stdout).toContain(`${written.length} files written to ${github.repository}@main commit ${head}`);
    // The Excel files travel as blobs, byte for byte; text files inside the tree request.
    const xlsx = files.get(`${FOLDER}/2026-10-summary.xlsx`)!;
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    expect(files.get(`${FOLDER}/README.md`)!.toString()).toContain('**Final report**');
    expect(github.requests.filter((q) => q.startsWith('PATCH'))).toEqual([
      `PATCH /repos/${github.repository}/git/refs/heads%2Fmain 200`,
    ]);
    expect(github.violations).toEqual([]);
  });

  it('makes the commit again on the new head when the branch moved meanwhile', async () => {
    const ws = await costWorkspace(emulator);
    let pushed: string | undefined;
    github.beforeRefUpdate = () => {
      if (!pushed) pushed = github.git.push('main', { 'accounts/zoe.yaml': 'name: zoe\n' }, 'Add zoe');
    };
    try {
      const { head } = await commitReport(ws, { GITHUB_TOKEN: 'bot-token' });
      const commit = github.git.commits.get(head)!;
      expect(commit.parents).toEqual([pushed]);
      const files = github.git.filesOf(head);
      expect(files.get('accounts/zoe.yaml')!.toString()).toBe('name: zoe\n');
      expect(files.has(`${FOLDER}/README.md`)).toBe(true);
      const updates = github.requests.filter((q) => q.startsWith('PATCH')).slice(-2);
      expect(updates).toEqual([
        `PATCH /repos/${github.repository}/git/refs/heads%2Fmain 422`,
        `PATCH /repos/${github.repository}/git/refs/heads%2Fmain 200`,
      ]);
      expect(github.violations).toEqual([]);
    } finally {
      github.beforeRefUpdate = undefined;
    }
  });

  it('commits as the GitHub App whose credentials are in Secrets Manager when there is no GITHUB_TOKEN', async () => {
    const ws = await costWorkspace(
      emulator,
      {},
      { github: { appSecret: 'spa/github-app', reportsBranch: 'main' } },
    );
    await new SecretsManagerClient({
      endpoint: emulator.gateway.endpoint,
      region: 'us-east-1',
      credentials: ws.aws.credentials,
    }).send(
      new CreateSecretCommand({
        Name: 'spa/github-app',
        SecretString: JSON.stringify({
          appId: Number(APP.appId),
          installationId: APP.installationId,
          privateKey,
        }),
      }),
    );
    const { head } = await commitReport(ws, {});
    expect(github.requests).toContain(`POST /app/installations/${APP.installationId}/access_tokens 201`);
    expect(github.git.filesOf(head).has(`${FOLDER}/2026-10-charges.xlsx`)).toBe(true);
    expect(github.violations).toEqual([]);
  });

  it('says what is missing when it has no token and no App', async () => {
    const ws = await costWorkspace(emulator);
    const r = await ws.spa(['report', 'costs', '--month', '2026-10', '--commit'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--commit needs a GitHub token');
  });
});
