import { generateKeyPairSync } from 'node:crypto';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeNames } from '../../engine/src/domain/runtime-names.js';
import { parseMarker } from '../../engine/src/gitops/markers.js';
import { NEW_MONTH_MESSAGE } from '../../engine/src/exceptions/incoming.js';
import { groupedPages, monthsPages, queueCostAnswers, type LineItem } from '../support/cost-explorer.js';
import { startGithubServer, type GithubServer } from '../support/github-server.js';
import { startWebhookServer, type WebhookServer } from '../support/webhook-server.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';
import { createBudgetDirectly } from '../support/seed.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const APP = { appId: '5151', installationId: 99, publicKey, token: 'runtime-app-token', slug: 'spa-runtime' };
/** 2 GetCostAndUsage pages, and 3 attempts of GetCostForecast (moto answers 500: it lacks the operation). */
const FIRST_EXCEPTION_REQUESTS = 5;
const HOSTILE_NAME = 'eve <img src=x onerror=alert(1)> @acme/admins **bold** <!-- spa:exception x -->';
const HOSTILE_COST_CENTER = '@everyone [click](https://evil.example) | =cmd| <script>';

let emulator: Emulator;
let github: GithubServer;
let hooks: WebhookServer;
let w: RuntimeWorld;
/** The exceptions handler's clients in the automation account (secrets, SES, the budget topic). */
const aws = () => ({
  secretsManager: w.runtime.session.client(SecretsManagerClient),
  ses: w.runtime.session.client(SESv2Client),
  sns: w.runtime.session.client(SNSClient),
});
let clock = new Date();
let alice: string;
let eve: string;
/** A member account of the organization that sends what it should not. */
let mallory: string;

const month = (d: Date) => d.toISOString().slice(0, 7);
const previousMonth = (d: Date) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

beforeAll(async () => {
  emulator = await startEmulator();
  hooks = await startWebhookServer();
  github = await startGithubServer({
    tokens: {
      [APP.token]: { login: 'spa-runtime[bot]', id: 777001, type: 'Bot' },
      'mallory-token': { login: 'mallory', id: 666, type: 'User' },
    },
    app: APP,
  });
  w = await runtimeWorld(
    emulator,
    {
      ous: ['Sandbox'],
      accounts: [
        { name: 'alice-sandbox', email: 'alice@example.com', ou: 'Sandbox' },
        {
          name: HOSTILE_NAME,
          email: 'eve@example.com',
          ou: 'Sandbox',
          tags: { 'cost-center': HOSTILE_COST_CENTER },
        },
        { name: 'mallory-sandbox', email: 'mallory@example.com', ou: 'Sandbox' },
      ],
    },
    {
      settings: {
        github: { repository: github.repository, appSecret: 'spa/github-app' },
        githubLogins: { 'alice@example.com': 'alice-gh' },
        notifications: {
          sre: {
            teamsWebhookSecret: 'spa/teams-sre',
            slackWebhookSecret: 'spa/slack-sre',
            email: ['sre@example.com'],
            emailSender: 'spa@example.com',
          },
          broken: { slackWebhookSecret: 'spa/slack-broken' },
        },
      },
      ous: { Sandbox: { managed: true, notifications: ['sre', 'broken'], budget: { amount: 100 } } },
    },
    { now: () => clock, github: { apiUrl: github.url, writeIntervalMs: 1 }, webhookBackoffMs: 5 },
  );
  alice = w.ws.seeded.accountIds.get('alice@example.com')!;
  eve = w.ws.seeded.accountIds.get('eve@example.com')!;
  mallory = w.ws.seeded.accountIds.get('mallory@example.com')!;
  // The budgets spa apply keeps in the management account: an alert counts only for one of them.
  for (const id of [alice, eve])
    await createBudgetDirectly(w.ws.aws, `SpaTest-${id}`, id, 100, [80], [w.rt.budgetTopicArn]);
  const secrets = aws().secretsManager;
  const secret = (Name: string, SecretString: string) =>
    secrets.send(new CreateSecretCommand({ Name, SecretString }));
  await secret(
    'spa/github-app',
    JSON.stringify({ appId: APP.appId, installationId: APP.installationId, privateKey }),
  );
  await secret('spa/teams-sre', `${hooks.url}/teams/secret-path-t`);
  await secret('spa/slack-sre', `${hooks.url}/slack/secret-path-s`);
  await secret('spa/slack-broken', `${hooks.url}/broken/secret-path-b`);
  await aws().ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'spa@example.com' }));
}, 120_000);

afterAll(async () => {
  await github?.close();
  await hooks?.close();
  await emulator?.stop();
});

/** What AWS Budgets publishes to the budget topic when an ACTUAL threshold is passed. */
function budgetText(accountId: string, owner = w.desired.settings.aws.managementAccountId): string {
  return [
    'AWS Budget Notification November 28, 2026',
    `AWS Account ${owner}`,
    '',
    'Dear AWS Customer,',
    '',
    `You requested that we alert you when the ACTUAL Cost associated with your SpaTest-${accountId} budget is greater than $80.00 for the current month.`,
    '',
    `Budget Name: SpaTest-${accountId}`,
    'Budget Type: Cost',
    'Budgeted Amount: $100.00',
    'Alert Type: ACTUAL',
    'Alert Threshold: > $80.00',
    'ACTUAL Amount: $85.12',
  ].join('\n');
}

async function budgetAlert(accountId: string, owner?: string): Promise<void> {
  await aws().sns.send(
    new PublishCommand({
      TopicArn: w.rt.budgetTopicArn,
      Subject: 'AWS Budgets',
      Message: budgetText(accountId, owner),
    }),
  );
  await w.rt.runUntilIdle();
}

/** An exception event put on the central bus by the automation account, or by `sender`. */
async function putException(
  label: string,
  accountId: string,
  extra: Record<string, unknown> = {},
  sender = w.runtime.account,
) {
  await (
    await w.rt.relay.bus(sender)
  ).send(
    new PutEventsCommand({
      Entries: [
        {
          Source: 'SustainablePersonalAccounts',
          DetailType: label,
          Detail: JSON.stringify({
            Environment: 'SpaTest',
            Account: accountId,
            Title: `${label} on ${accountId}`,
            Message: `What happened to ${accountId}`,
            Time: clock.toISOString(),
            ...extra,
          }),
        },
      ],
    }),
  );
  await w.rt.runUntilIdle();
}

/** The refusals logged for events sent by `sender`. */
const refusals = (sender: string) =>
  w.logs
    .map((l) => JSON.parse(l) as { message: string; sender?: string })
    .filter((l) => l.sender === sender && l.message.startsWith('refused an event'))
    .map((l) => l.message);
const issuesOf = (label: string) => [...github.issues.values()].filter((i) => i.labels.includes(label));
const item = (account: string, service: string, amount: string): LineItem => ({
  account,
  service,
  usageType: 'x',
  recordType: 'Usage',
  amount,
});

describe('exceptions become GitHub issues', () => {
  beforeAll(async () => {
    const now = clock;
    const window = (m: string) => ({ start: `${m}-01`, end: `${m}-28` });
    // Last month and this month in one question, its answer in two pages (this month's groups come one a page).
    await queueCostAnswers(
      emulator.moto.endpoint,
      w.desired.settings.aws.managementAccountId,
      monthsPages(
        [
          groupedPages(
            [item(alice, 'Amazon EC2', '12'), item(alice, 'Amazon S3', '1.5')],
            'service',
            window(previousMonth(now)),
            { pageSize: 10, tag: 'previous' },
          ),
          groupedPages(
            [item(alice, 'Amazon EC2', '30.5'), item(alice, 'Amazon S3', '2.25')],
            'service',
            window(month(now)),
            { pageSize: 1, tag: 'current' },
          ),
        ],
        'months',
      ),
    );
    await budgetAlert(alice);
  }, 60_000);

  it('opens one issue for a budget alert, with its labels, the account and the month-to-date cost table', () => {
    const [issue, ...more] = issuesOf('BudgetAlertException');
    expect(more).toEqual([]);
    expect(issue!.title).toBe('Budget alert: alice-sandbox has spent 32.75 of 100.00 USD this month');
    expect(issue!.body).toContain('**At 100% nothing is stopped**');
    expect(issue!.body).toContain(
      `[accounts/alice-sandbox.yaml](https://github.com/${github.repository}/edit/main/accounts/alice-sandbox.yaml)`,
    );
    expect(issue!.labels).toEqual(['spa-exception', 'BudgetAlertException']);
    expect(issue!.user.login).toBe('spa-runtime[bot]');
    expect(parseMarker(issue!.body)).toEqual({
      kind: 'exception',
      account: alice,
      label: 'BudgetAlertException',
      month: month(new Date()),
    });
    expect(issue!.body).toContain('| Organizational unit | Sandbox |');
    expect(issue!.body).toContain(`| Service | ${previousMonth(clock)} | ${month(clock)} (to date) |`);
    expect(issue!.body).toContain('| Amazon EC2 | 12.00 | 30.50 |');
    expect(issue!.body).toContain('| Amazon S3 | 1.50 | 2.25 |');
    expect(issue!.body).toContain('| **Total** | **13.50** | **32.75** |');
    expect(issue!.body).toContain('Budget: 100.00 USD a month.');
    expect(issue!.body).toContain('> Alert Threshold: &#62; &#36;80.00');
    expect(github.violations).toEqual([]);
  });

  it('counts every Cost Explorer request in the day’s ledger: two pages of GetCostAndUsage and the forecast', async () => {
    const deps = await w.rt.exceptions.deps();
    const day = clock.toISOString().slice(0, 10);
    const { Item } = await w.runtime.clients.dynamodb.send(
      new GetItemCommand({ TableName: 'SpaTest-exceptions', Key: { id: { S: `calls#${day}` } } }),
    );
    // Last month and this month (one question, two pages), then GetCostForecast, which moto lacks: its 500 is retried.
    expect(deps.costs.requests).toBe(Number(Item?.calls?.N));
    expect(deps.costs.requests).toBe(FIRST_EXCEPTION_REQUESTS);
  });

  it('mentions the holder only through githubLogins, and nobody else', () => {
    const body = issuesOf('BudgetAlertException')[0]!.body;
    expect(body).toContain('| Holder | <code>alice@example.com</code> (@alice-gh) |');
    expect(body.replace(/<code>[^<]*<\/code>/g, '').match(/@[A-Za-z0-9-]+/g)).toEqual(['@alice-gh']);
  });

  it('posts to Teams (an Adaptive Card, after a 429) and Slack (Block Kit), emails through SES, and logs no URL', async () => {
    const teams = hooks.received.filter((r) => r.path.startsWith('/teams'));
    const slack = hooks.received.filter((r) => r.path.startsWith('/slack'));
    expect(teams.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(teams[0]!.body)).toContain('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(slack[0]!.body)).toContain('"type":"section"');
    expect(JSON.stringify(slack[0]!.body)).toContain(`${github.url}/${github.repository}/issues/`);
    const data = (await (await fetch(`${emulator.moto.endpoint}/moto-api/data.json`)).json()) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(data)).toContain('sre@example.com');
    expect(JSON.stringify(data)).toContain('[SPA] BudgetAlertException on alice-sandbox');
    expect(w.logs.join('\n')).not.toContain('secret-path');
  });
});

describe('webhooks that fail', () => {
  it('retries a 429 until it passes, reports a 400 once and still opens the issue', async () => {
    hooks.script('/teams/secret-path-t', [429, 503]);
    hooks.script('/broken/secret-path-b', [400]);
    const before = hooks.received.length;
    await putException('ConsoleLoginWithRootException', alice, { Identity: `arn:aws:iam::${alice}:root` });
    const now = hooks.received.slice(before);
    expect(now.filter((r) => r.path.startsWith('/teams')).map((r) => r.status)).toEqual([429, 503, 200]);
    expect(now.filter((r) => r.path.startsWith('/broken')).map((r) => r.status)).toEqual([400]);
    expect(issuesOf('ConsoleLoginWithRootException')).toHaveLength(1);
    const logs = w.logs.join('\n');
    expect(logs).toContain('channel broken (slack): the webhook answered HTTP 400 after 1 attempt');
    expect(logs).toContain('channel sre (teams): posted (HTTP 200, 3 attempts)');
    expect(logs).not.toContain('secret-path');
  });
});

describe('repeats, sources and closing', () => {
  it('comments on the open issue when the same kind comes again, never opening another', async () => {
    const issue = issuesOf('BudgetAlertException')[0]!;
    await budgetAlert(alice);
    expect(issuesOf('BudgetAlertException')).toHaveLength(1);
    expect(github.commentsOn(issue.number).map((c) => c.body)).toEqual([expect.stringMatching(/^Again:/)]);
  });

  it('opens an issue per source event, the costs read once per account and day', async () => {
    const costs = (await w.rt.exceptions.deps()).costs;
    const requests = costs.requests;
    for (const label of [
      'FailedCodebuildException',
      'FailedOnBoardingException',
      'FailedMaintenanceException',
      'ConsoleLoginWithIamUserException',
    ])
      await putException(
        label,
        alice,
        label === 'FailedCodebuildException'
          ? { Build: { Project: 'SpaPreparation', Status: 'FAILED' }, State: 'assigned' }
          : {},
      );
    for (const label of [
      'FailedCodebuildException',
      'FailedOnBoardingException',
      'FailedMaintenanceException',
      'ConsoleLoginWithIamUserException',
    ]) {
      const [issue, ...more] = issuesOf(label);
      expect(more).toEqual([]);
      expect(issue!.body).toContain('| Amazon EC2 | 12.00 | 30.50 |');
    }
    expect(costs.requests).toBe(requests);
  });

  it('keeps a message it cannot read whole, as a GenericException', async () => {
    const { QueueUrl } = await w.runtime.clients.sqs.send(
      new GetQueueUrlCommand({ QueueName: runtimeNames('SpaTest').exceptions.queue }),
    );
    await w.runtime.clients.sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'not json: <b>@here</b>\nsecond line' }),
    );
    await w.rt.runUntilIdle();
    const [issue] = issuesOf('GenericException');
    expect(issue!.title).toBe('A message SPA could not read');
    expect(issue!.body).toContain('> not json: &#60;b&#62;<code>@</code>here&#60;/b&#62;\n> second line');
  });

  it('ignores a ReleasedAccount that another account of the organization puts on the bus', async () => {
    const failed = issuesOf('FailedCodebuildException')[0]!;
    const forged = { Environment: 'SpaTest', Account: alice, State: 'released' };
    await (
      await w.rt.relay.bus(mallory)
    ).send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'SustainablePersonalAccounts',
            DetailType: 'ReleasedAccount',
            Detail: JSON.stringify(forged),
          },
        ],
      }),
    );
    await w.rt.runUntilIdle();
    expect(github.issues.get(failed.number)!.state).toBe('open');
    expect(refusals(mallory)).toEqual([
      expect.stringContaining(
        `spa event sent by account ${mallory}: SPA events come from the automation account`,
      ),
    ]);
    expect(w.telemetry.counts.get('RefusedEvents.spa')).toBe(1);
  });

  it('opens no issue and notifies nobody for an exception another account puts on the bus', async () => {
    const hooksBefore = hooks.received.length;
    const issuesBefore = github.issues.size;
    await putException(
      'ConsoleLoginWithRootException',
      eve,
      { Identity: `arn:aws:iam::${eve}:root` },
      mallory,
    );
    expect(github.issues.size).toBe(issuesBefore);
    expect(hooks.received.length).toBe(hooksBefore);
    expect(w.telemetry.counts.get('RefusedEvents.spa')).toBe(2);
  });

  it('refuses a budget alert of another account’s budget, and one of a budget the management account lacks', async () => {
    const budget = issuesOf('BudgetAlertException')[0]!;
    const comments = github.commentsOn(budget.number).length;
    const requests = (await w.rt.exceptions.deps()).costs.requests;
    const issuesBefore = github.issues.size;
    // A budget mallory made in its own account, named after alice's: the notification names its account.
    await budgetAlert(alice, mallory);
    // A notification that claims the management account, for a budget that does not exist there.
    await budgetAlert(mallory);
    expect(github.commentsOn(budget.number)).toHaveLength(comments);
    expect(github.issues.size).toBe(issuesBefore);
    expect((await w.rt.exceptions.deps()).costs.requests).toBe(requests);
    expect(w.telemetry.counts.get('RefusedEvents.budget')).toBe(2);
    expect(w.logs.join('\n')).toContain(
      `budget SpaTest-${mallory} does not exist in the management account ${w.desired.settings.aws.managementAccountId}`,
    );
  });

  it('closes the issues of failed builds when the account is released, saying why', async () => {
    const failed = issuesOf('FailedCodebuildException')[0]!;
    await w.runtime.clients.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'SustainablePersonalAccounts',
            DetailType: 'ReleasedAccount',
            Detail: JSON.stringify({ Environment: 'SpaTest', Account: alice, State: 'released' }),
          },
        ],
      }),
    );
    await w.rt.runUntilIdle();
    expect(github.issues.get(failed.number)!.state).toBe('closed');
    expect(github.commentsOn(failed.number).at(-1)!.body).toMatch(/^The account was released/);
    expect(issuesOf('BudgetAlertException')[0]!.state).toBe('open');
    expect(issuesOf('ConsoleLoginWithRootException')[0]!.state).toBe('open');
  });

  it('closes last month’s budget alerts when a new month begins', async () => {
    const budget = issuesOf('BudgetAlertException')[0]!;
    clock = new Date(Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth() + 1, 1, 0, 10));
    const { QueueUrl } = await w.runtime.clients.sqs.send(
      new GetQueueUrlCommand({ QueueName: runtimeNames('SpaTest').exceptions.queue }),
    );
    await w.runtime.clients.sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(NEW_MONTH_MESSAGE) }),
    );
    await w.rt.runUntilIdle();
    expect(github.issues.get(budget.number)!.state).toBe('closed');
    expect(github.commentsOn(budget.number).at(-1)!.body).toMatch(/^A new month began/);
    expect(issuesOf('ConsoleLoginWithRootException')[0]!.state).toBe('open');
  });
});

describe('hostile names and the daily budget of Cost Explorer', () => {
  it('keeps a hostile account name and tag value inert, and says the costs were skipped when the budget is spent', async () => {
    const deps = await w.rt.exceptions.deps();
    const day = clock.toISOString().slice(0, 10);
    while (await deps.ledger.takeRequest(day, 200));
    const before = deps.costs.requests;
    await budgetAlert(eve);
    expect(deps.costs.requests).toBe(before);
    const [issue] = issuesOf('BudgetAlertException').filter((i) => i.state === 'open');
    // From the alert's text of AWS Budgets, the costs of Cost Explorer being skipped.
    expect(issue!.title).toBe(`Budget alert: ${HOSTILE_NAME} has spent 85.12 of 100.00 USD this month`);
    const body = issue!.body;
    expect(body).not.toMatch(/<img|<script|<!-- spa:exception x/);
    // The one link is the engine's own, to the settings file of the account in GitHub's web editor.
    expect((body.match(/\]\(https/g) ?? []).length).toBe(
      (body.match(/\]\(https:\/\/github\.com\/[^/]+\/[^/]+\/edit\/main\/accounts\/[^ ()]+\.yaml\)/g) ?? [])
        .length,
    );
    expect(body.split('\n').filter((l) => l.startsWith('<!-- spa:'))).toHaveLength(1);
    expect(parseMarker(body)).toMatchObject({ account: eve });
    expect(body.replace(/<code>[^<]*<\/code>/g, '')).not.toContain('@');
    expect(body).toContain('Costs not read: the 200 Cost Explorer requests of');
    expect(github.violations).toEqual([]);
  });
});

describe('a message too long for GitHub', () => {
  it('is cut after escaping, kept whole in the runtime bucket and linked from the issue and its comments', async () => {
    const message = '<'.repeat(20_000);
    const kept = async (text: string) => {
      const url = /\[open it in the AWS console\]\((https:[^)]+)\)/.exec(text)?.[1];
      expect(url, 'a link to the whole text').toBeDefined();
      const key = new URL(url!).searchParams.get('prefix')!;
      expect(key).toMatch(new RegExp(`^exceptions/${eve}/FailedCodebuildException/`));
      const object = await w.runtime.clients.s3.send(
        new GetObjectCommand({ Bucket: w.desired.settings.runtime.bucket!, Key: key }),
      );
      return object.Body!.transformToString('utf8');
    };
    await putException('FailedCodebuildException', eve, { Message: message });
    const [issue] = issuesOf('FailedCodebuildException').filter(
      (i) => i.state === 'open' && i.title.endsWith(`(${eve})`),
    );
    expect(issue, 'the issue is opened').toBeDefined();
    expect(issue!.body.length).toBeLessThanOrEqual(65_536);
    expect(issue!.body).toContain('> &#60;&#60;&#60;');
    expect(issue!.body).not.toMatch(/&#?\d*\n\n\(cut/);
    expect(issue!.body).toContain(
      '(cut: the message has 20000 characters; the whole text is <code>s3&#58;//',
    );
    expect(await kept(issue!.body)).toBe(message);
    await putException('FailedCodebuildException', eve, { Message: message });
    const again = github.commentsOn(issue!.number).at(-1)!.body;
    expect(again).toMatch(/^Again:/);
    expect(again.length).toBeLessThanOrEqual(65_536);
    expect(await kept(again)).toBe(message);
    expect(github.violations).toEqual([]);
  });
});
