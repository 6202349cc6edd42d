import type { AccountFacts, ExceptionCase } from '../../engine/src/exceptions/case.js';
import type { CostsOutcome } from '../../engine/src/exceptions/cost-table.js';
import { issueBody, issueTitle } from '../../engine/src/exceptions/issue-text.js';

/** The example issue of infra/README.md: a budget alert on a sample account, rendered by the engine. */
export const EXAMPLE_CASE: ExceptionCase = {
  label: 'BudgetAlertException',
  accountId: '210987654321',
  title: 'Budget alert on account alice-sandbox (210987654321)',
  message: [
    'AWS Budget Notification November 20, 2026',
    'AWS Account 123456789012',
    '',
    'Budget Name: SpaDemo-210987654321',
    'Budgeted Amount: $100.00',
    'Alert Type: ACTUAL',
    'Alert Threshold: > $80.00',
    'ACTUAL Amount: $85.12',
  ].join('\n'),
  time: '2026-11-20T09:14:03Z',
};

export const EXAMPLE_ACCOUNT: AccountFacts = {
  id: '210987654321',
  name: 'alice-sandbox',
  email: 'alice.sandbox@example.com',
  holder: 'alice@example.com',
  costCenter: 'CC-1042',
  ouPath: 'Sandbox/Personal',
  state: 'released',
  budget: { amount: 100, currency: 'USD' },
  channels: ['sre'],
};

export const EXAMPLE_COSTS: CostsOutcome = {
  ok: true,
  costs: {
    day: '2026-11-20',
    previousMonth: '2026-10',
    currentMonth: '2026-11',
    services: [
      { service: 'Amazon Elastic Compute Cloud - Compute', previous: '41.2', current: '63.0458' },
      { service: 'Amazon Simple Storage Service', previous: '3.1', current: '2.04' },
      { service: 'AWS Lambda', previous: '0.2', current: '0' },
      { service: 'Amazon SageMaker', previous: '0', current: '20.03' },
    ],
    forecast: '128.4',
  },
};

export const EXAMPLE_REPO = { repository: 'example-org/spa-settings', branch: 'main' };

export function exampleIssue(): { title: string; body: string } {
  return {
    title: issueTitle(EXAMPLE_CASE, EXAMPLE_ACCOUNT, EXAMPLE_COSTS),
    body: issueBody({
      c: EXAMPLE_CASE,
      account: EXAMPLE_ACCOUNT,
      month: '2026-11',
      mention: 'alice-example',
      costs: EXAMPLE_COSTS,
      environment: 'SpaDemo',
      repo: EXAMPLE_REPO,
    }),
  };
}
