import { generateKeyPairSync } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCaller } from '../../engine/src/adapters/aws/retry.js';
import { S3SettingsSource } from '../../engine/src/adapters/aws/runtime-bucket.js';
import { lambdaEnvironment } from '../../engine/src/entrypoints/lambda/environment.js';
import {
  handleReport,
  reportPorts,
  type ReportHandlerPorts,
} from '../../engine/src/entrypoints/lambda/on-report.js';
import { monthData } from '../helpers/cost-org.js';
import { OCTOBER, SEPTEMBER } from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { putTransactions, reportWorld, type ReportWorld } from '../helpers/report-world.js';
import { groupedPages, queueCostAnswers, reportAnswers } from '../support/cost-explorer.js';
import { startGithubServer, type GithubServer } from '../support/github-server.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const APP = { appId: '424242', installationId: 777, publicKey, token: 'app-installation-token' };

let emulator: Emulator;
let github: GithubServer;
let w: ReportWorld;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  github = await startGithubServer({
    tokens: { [APP.token]: { login: 'spa-reports[bot]', id: 5150, type: 'Bot' } },
    app: APP,
  });
  github.git.push('main', { 'README.md': '# Settings\n' });
  w = await reportWorld(emulator, { github: { repository: github.repository } });
  // The App's credentials in the secret infra/ creates in the automation account (<env>/github-app).
  await new SecretsManagerClient({ ...w.runtime.access, region: w.runtime.region }).send(
    new CreateSecretCommand({
      Name: 'SpaTest/github-app',
      SecretString: JSON.stringify({
        appId: Number(APP.appId),
        installationId: APP.installationId,
        privateKey,
      }),
    }),
  );
});
afterAll(async () => {
  await github?.close();
  await emulator?.stop();
});

/** The handler's deps as its container builds them, on the emulator and the loopback GitHub server, at `now`. */
function depsAt(now: string): ReportHandlerPorts {
  const bucket = w.desired.settings.runtime.bucket!;
  const env = {
    ...lambdaEnvironment({
      environment: w.desired.environment,
      bucket,
      region: w.runtime.region,
      account: w.runtime.account,
      maintenanceQueueUrl: '',
      service: 'SpaTest-reports',
    }),
    SPA_GITHUB_API_URL: github.url,
  };
  return {
    published: new S3SettingsSource(w.runtime.clients.s3, new AwsCaller(), bucket, w.desired.environment, 0),
    now: () => new Date(now),
    ports: reportPorts(env, w.runtime.access, () => undefined),
    log: (entry) => logs.push(entry),
  };
}

async function bucketKeys(prefix: string): Promise<string[]> {
  const out = await w.runtime.clients.s3.send(
    new ListObjectsV2Command({ Bucket: w.desired.settings.runtime.bucket!, Prefix: prefix }),
  );
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

function committedBelow(folder: string): string[] {
  const head = github.git.refs.get('heads/main')!;
  return [...github.git.filesOf(head).keys()].filter((p) => p.startsWith(`${folder}/`)).sort();
}

describe('the scheduled report Lambda', () => {
  it('makes the preliminary cost report of last month on the 6th, committed as the App and copied to the bucket', async () => {
    const ids = reportIds();
    await queueCostAnswers(
      emulator.moto.endpoint,
      w.ws.managementAccountId,
      reportAnswers(monthData(ids, OCTOBER, 10), monthData(ids, SEPTEMBER, 9)),
    );
    const before = github.git.refs.get('heads/main')!;
    const run = await handleReport({ report: 'costs' }, depsAt('2026-11-06T02:42:00Z'));
    expect(run).toMatchObject({ kind: 'costs', folder: 'reports/costs/2026/2026-10' });
    expect(run.summary).toMatch(/^Preliminary cost report of 2026-10: /);
    const head = github.git.refs.get('heads/main')!;
    expect(github.git.commits.get(head)!.parents).toEqual([before]);
    expect(github.git.commits.get(head)!.message).toMatch(/^Costs of 2026-10: preliminary report/);
    expect(github.requests).toContain(`POST /app/installations/${APP.installationId}/access_tokens 201`);
    const files = committedBelow(run.folder);
    expect(files).toHaveLength(run.files);
    expect(await bucketKeys(`${run.folder}/`)).toEqual(files);
    expect(logs.at(-1)).toMatchObject({ message: 'report written', kind: 'costs' });
    expect(github.violations).toEqual([]);
  });

  it('makes the activities of the month so far on Saturdays, and the inventory', async () => {
    await putTransactions(w, [
      {
        kind: 'SuccessfulOnBoarding',
        account: w.idOf('bob'),
        begin: '2026-11-02T09:00:00.000Z',
        seconds: 900,
        costCenter: 'CC-TRAINING',
      },
    ]);
    await w.rt.runUntilIdle();
    const activities = await handleReport(
      { report: 'activities', month: 'current' },
      depsAt('2026-11-28T02:42:00Z'),
    );
    expect(activities.summary).toBe(
      'Activities of 2026-11 (month to date): 1 on-boardings, 0 maintenances, 0 console logins, 1 cost centers',
    );
    expect(await bucketKeys(`${activities.folder}/`)).toEqual(committedBelow(activities.folder));

    await queueCostAnswers(
      emulator.moto.endpoint,
      w.ws.managementAccountId,
      groupedPages(
        [
          {
            account: w.idOf('carol'),
            service: 'S3',
            usageType: 'x',
            recordType: 'Usage',
            amount: '4.2000000000',
            costCenter: 'CC-RESEARCH',
          },
        ],
        'costCenter',
        { start: '2026-11-01', end: '2026-11-28' },
        { pageSize: 10, tag: 'mtd' },
      ),
    );
    // The state comes from the records table, as the lifecycle leaves it.
    const { records } = await w.rt.deps();
    const carol = (await records.get(w.idOf('carol')))?.version ?? 0;
    await records.write({ accountId: w.idOf('carol'), state: 'released', version: carol + 1 }, carol);
    const inventory = await handleReport({ report: 'inventory' }, depsAt('2026-11-28T03:23:00Z'));
    expect(inventory).toMatchObject({
      folder: 'reports/inventory/2026/2026-11-28',
      files: 3,
      costRequests: 1,
    });
    expect(await bucketKeys(`${inventory.folder}/`)).toEqual(committedBelow(inventory.folder));
    const csv = github.git
      .filesOf(github.git.refs.get('heads/main')!)
      .get(`${inventory.folder}/2026-11-28-inventory.csv`)!;
    expect(csv.toString()).toContain(
      `CC-RESEARCH,carol@example.com,Sandbox,${w.idOf('carol')},carol,carol@example.com,released,,150.00,4.20`,
    );
  });

  it('refuses an event that names no report, before it reads or writes anything', async () => {
    const head = github.git.refs.get('heads/main')!;
    await expect(handleReport({ report: 'everything' }, depsAt('2026-11-28T03:23:00Z'))).rejects.toThrow(
      'the event asks for report "everything"',
    );
    await expect(
      handleReport({ report: 'costs', month: 'last' }, depsAt('2026-11-28T03:23:00Z')),
    ).rejects.toThrow('the event asks for month "last"');
    expect(github.git.refs.get('heads/main')).toBe(head);
  });
});

function reportIds(): string[] {
  return ['alice', 'bob', 'carol', 'erin', '@SUM(A1)', 'web', 'grace'].map((n) => w.idOf(n));
}
