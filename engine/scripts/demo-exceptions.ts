// The exceptions part of `npm run demo`: a loopback GitHub server with the runtime's GitHub App installed, loopback
// Teams and Slack webhooks, the secrets and the SES sender in the automation account, Cost Explorer answers in the
// emulator; then a budget alert published to the budget topic, as AWS Budgets does, and the issue it opened.
import { generateKeyPairSync } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  groupedPages,
  monthsPages,
  queueCostAnswers,
  type LineItem,
} from '../../test/support/cost-explorer.js';
import { startGithubServer, type GithubServer } from '../../test/support/github-server.js';
import { startWebhookServer, type WebhookServer } from '../../test/support/webhook-server.js';
import type { RuntimeAccess } from '../src/adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../src/desired/types.js';
import { runtimeNames } from '../src/domain/runtime-names.js';
import type { LocalRuntime } from '../src/entrypoints/local/local-runtime.js';

const tty = process.stdout.isTTY === true;
const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[0m` : s);

export interface DemoGithub {
  server: GithubServer;
  queueCosts(accountId: string): Promise<void>;
  budgetAlert(rt: LocalRuntime, accountId: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startDemoGithub(
  desired: DesiredOrganization,
  runtime: RuntimeAccess,
  motoEndpoint: string,
): Promise<DemoGithub> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const app = {
    appId: '31337',
    installationId: 4242,
    publicKey,
    token: 'demo-installation-token',
    slug: 'spa-runtime',
  };
  const server = await startGithubServer({
    repository: desired.settings.github.repository ?? 'example-org/spa-settings',
    tokens: { [app.token]: { login: 'spa-runtime[bot]', id: 9001, type: 'Bot' } },
    app,
  });
  const hooks = await startWebhookServer();
  const secrets = runtime.session.client(SecretsManagerClient);
  const secret = (Name: string, SecretString: string) =>
    secrets.send(new CreateSecretCommand({ Name, SecretString }));
  await secret(
    desired.settings.github.appSecret ?? runtimeNames(desired.environment).githubAppSecret,
    JSON.stringify({ appId: app.appId, installationId: app.installationId, privateKey }),
  );
  for (const c of Object.values(desired.settings.notifications)) {
    for (const name of [c.teamsWebhookSecret, c.slackWebhookSecret].filter((n) => n !== undefined))
      await secret(name, `${hooks.url}/${name}`);
    if (c.emailSender)
      await runtime.session
        .client(SESv2Client)
        .send(new CreateEmailIdentityCommand({ EmailIdentity: c.emailSender }));
  }
  console.log(
    `GitHub (loopback ${server.url}): the App ${app.slug} installed on ${server.repository}; Teams and Slack webhooks on ${hooks.url}`,
  );
  return {
    server,
    queueCosts: (accountId) => queueCosts(motoEndpoint, desired.settings.aws.managementAccountId, accountId),
    budgetAlert: (rt, accountId) =>
      budgetAlert(
        rt,
        runtime,
        server,
        hooks,
        desired.environment,
        accountId,
        desired.settings.aws.managementAccountId,
      ),
    close: async () => {
      await hooks.close();
      await server.close();
    },
  };
}

/** Cost Explorer's answers for the account: last month, then this month in two pages. */
async function queueCosts(
  motoEndpoint: string,
  managementAccountId: string,
  accountId: string,
): Promise<void> {
  const item = (service: string, amount: string): LineItem => ({
    account: accountId,
    service,
    usageType: 'x',
    recordType: 'Usage',
    amount,
  });
  const now = new Date();
  const month = (n: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n, 1)).toISOString().slice(0, 10);
  // Last month and this month in one question, as the exceptions handler asks it (its answer in two pages).
  await queueCostAnswers(
    motoEndpoint,
    managementAccountId,
    monthsPages(
      [
        groupedPages(
          [
            item('Amazon Elastic Compute Cloud - Compute', '41.2'),
            item('Amazon Simple Storage Service', '3.1'),
          ],
          'service',
          { start: month(-1), end: month(0) },
          { pageSize: 10, tag: 'last' },
        ),
        groupedPages(
          [
            item('Amazon Elastic Compute Cloud - Compute', '63.0458'),
            item('Amazon SageMaker', '20.03'),
            item('Amazon Simple Storage Service', '2.04'),
          ],
          'service',
          { start: month(0), end: month(1) },
          { pageSize: 2, tag: 'this' },
        ),
      ],
      'months',
    ),
  );
}

async function budgetAlert(
  rt: LocalRuntime,
  runtime: RuntimeAccess,
  server: GithubServer,
  hooks: WebhookServer,
  environment: string,
  accountId: string,
  managementAccountId: string,
): Promise<boolean> {
  console.log(
    `\n${bold(`# a budget alert: AWS Budgets publishes to the budget topic (budget ${environment}-${accountId} over 80%)`)}`,
  );
  await runtime.session.client(SNSClient).send(
    new PublishCommand({
      TopicArn: rt.budgetTopicArn,
      Subject: `AWS Budgets: ${environment}-${accountId} has exceeded your alert threshold`,
      Message: [
        `AWS Budget Notification ${new Date().toDateString()}`,
        `AWS Account ${managementAccountId}`,
        '',
        `Budget Name: ${environment}-${accountId}`,
        'Budget Type: Cost',
        'Budgeted Amount: $100.00',
        'Alert Type: ACTUAL',
        'Alert Threshold: > $80.00',
        'ACTUAL Amount: $85.12',
      ].join('\n'),
    }),
  );
  await rt.runUntilIdle();
  const issues = [...server.issues.values()].filter((i) => i.labels.includes('spa-exception'));
  console.log(`\n${bold('# the exception issues of the repository')}`);
  for (const i of issues) console.log(`  #${i.number} ${i.state}  ${i.title}  [${i.labels.join(', ')}]`);
  const budget = issues.find((i) => i.labels.includes('BudgetAlertException'));
  if (!budget) {
    console.error('expected a BudgetAlertException issue');
    return false;
  }
  console.log(`\n${bold(`# issue #${budget.number}: ${budget.title}`)}\n${budget.body}`);
  console.log(`\n${bold('# what the channels received')}`);
  for (const r of hooks.received)
    console.log(`  POST <webhook of ${r.path.split('/').slice(1, 3).join('/')}>  ${r.status}`);
  return true;
}
