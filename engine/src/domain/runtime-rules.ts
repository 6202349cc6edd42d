import { EVENT_SOURCE, PREPARATION_PROJECT, PURGE_PROJECT, runtimeNames } from './runtime-names.js';

/** Every exception label (schemas/events/exception-event.schema.json): each becomes a GitHub issue. */
export const EXCEPTION_LABELS = [
  'BudgetAlertException',
  'ConsoleLoginWithIamUserException',
  'ConsoleLoginWithRootException',
  'FailedCodebuildException',
  'FailedMaintenanceException',
  'FailedOnBoardingException',
  'GenericException',
] as const;

/** An EventBridge rule of the default bus of the automation account, and the queue it delivers to. */
export interface RuntimeRule {
  name: string;
  queue: 'lifecycle' | 'activity' | 'exceptions';
  pattern: Record<string, unknown>;
}

/** The rules that feed the runtime's queues: the CDK app and the local runtime both deploy these. */
export function runtimeRules(environment: string): RuntimeRule[] {
  const names = runtimeNames(environment).rules;
  return [
    {
      name: names.organizations,
      queue: 'lifecycle',
      pattern: {
        source: ['aws.organizations'],
        detail: { eventName: ['CreateAccountResult', 'MoveAccount', 'TagResource'] },
      },
    },
    {
      name: names.codebuild,
      queue: 'lifecycle',
      pattern: {
        source: ['aws.codebuild'],
        'detail-type': ['CodeBuild Build State Change'],
        detail: { 'project-name': [PREPARATION_PROJECT, PURGE_PROJECT] },
      },
    },
    {
      name: names.signin,
      queue: 'activity',
      pattern: { source: ['aws.signin'], detail: { eventName: ['ConsoleLogin'] } },
    },
    {
      name: names.activity,
      queue: 'activity',
      pattern: {
        source: [EVENT_SOURCE],
        'detail-type': ['SuccessfulOnBoarding', 'SuccessfulMaintenance'],
        detail: { Environment: [environment] },
      },
    },
    {
      name: names.exceptions,
      queue: 'exceptions',
      pattern: {
        source: [EVENT_SOURCE],
        'detail-type': [...EXCEPTION_LABELS],
        detail: { Environment: [environment] },
      },
    },
    {
      // A released account closes the issues of its failed builds, on-boarding and maintenance.
      name: names.released,
      queue: 'exceptions',
      pattern: {
        source: [EVENT_SOURCE],
        'detail-type': ['ReleasedAccount'],
        detail: { Environment: [environment] },
      },
    },
  ];
}
