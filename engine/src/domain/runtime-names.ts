/**
 * The names of the runtime's resources, derived from the environment: the one place that the Lambdas, the local
 * runtime, `spa publish` and the CDK app (infra/) take them from, so that they cannot disagree.
 */

/** Source of every SPA event on the bus. */
export const EVENT_SOURCE = 'SustainablePersonalAccounts';

/** The CodeBuild projects that the StackSet deploys once in every member account. */
export const PREPARATION_PROJECT = 'SpaPreparation';
export const PURGE_PROJECT = 'SpaPurge';
export type BuildProject = typeof PREPARATION_PROJECT | typeof PURGE_PROJECT;

/** Where `spa publish` writes in the runtime bucket, and what the Lambdas read. */
export const SETTINGS_KEY = 'settings/effective.json';
export const BUILDSPEC_PREFIX = 'settings/buildspecs/';
export const buildspecKey = (name: string): string => `${BUILDSPEC_PREFIX}${name}.yml`;
/** The buildspec of each project: buildspecs/prepare.yml and buildspecs/purge.yml. */
export const BUILDSPEC_OF: Record<BuildProject, string> = {
  [PREPARATION_PROJECT]: 'prepare',
  [PURGE_PROJECT]: 'purge',
};

/**
 * The role that infra/ deploys in every account of the managed OUs for the runtime to start builds there (only
 * StartBuild and BatchGetBuilds on the two projects): the recommended aws.memberRoleName.
 */
export const MEMBER_ROLE = 'SpaBuildStarter';
/** Control Tower's role in every account: still possible as aws.memberRoleName, never created nor changed by SPA. */
export const CONTROL_TOWER_ROLE = 'AWSControlTowerExecution';

export interface QueueNames {
  queue: string;
  deadLetterQueue: string;
}

export interface RuntimeNames {
  /** Organizations events (account created, moved, tagged) and CodeBuild state changes. */
  lifecycle: QueueNames;
  /** Maintenance windows, then one message per OU page and per account. */
  maintenance: QueueNames;
  /** Console logins and the SPA activity events, stored for the reports. */
  activity: QueueNames;
  /** Exception events, budget notifications (SNS), released accounts and the new month: GitHub issues. */
  exceptions: QueueNames;
  /** The record of each account: state, version, transaction. */
  recordsTable: string;
  /** The GSI of recordsTable over the sparse `deadline` attribute: open transactions. */
  deadlineIndex: string;
  activitiesTable: string;
  /** Powertools idempotency records. */
  idempotencyTable: string;
  /** The exceptions handler's costs of the day per account, and the day's count of Cost Explorer requests. */
  exceptionsTable: string;
  /** The Scheduler group of the maintenance windows, and the role Scheduler sends with. */
  scheduleGroup: string;
  schedulerRole: string;
  /** The EventBridge rules on the default bus of the automation account. */
  rules: {
    organizations: string;
    codebuild: string;
    signin: string;
    activity: string;
    exceptions: string;
    released: string;
    newMonth: string;
  };
  /** The role of the runtime's Lambdas in the automation account. */
  runtimeRole: string;
  /**
   * The role that spa publish, spa accounts and spa runtime local assume in the automation account when their
   * credentials are of another account.
   */
  operatorRole: string;
  /** The role of the management account that the runtime assumes: Organizations and Cost Explorer. */
  managementRole: string;
  /** The roles of the GitHub jobs in the management account (OIDC): plan reads, apply writes. */
  planRole: string;
  applyRole: string;
  /** The SNS topic of the automation account that every budget notification goes to. */
  budgetTopic: string;
  /** The secret of the GitHub App's credentials (its value set by people, never in git nor CDK). */
  githubAppSecret: string;
  /** The apply lock table when settings.yaml runtime.applyLockTable names none. */
  applyLockTable: string;
  /** The CloudFormation stacks of infra/ and the StackSet of the member accounts. */
  stacks: { automation: string; management: string; members: string };
}

export function runtimeNames(environment: string): RuntimeNames {
  const queue = (name: string): QueueNames => ({
    queue: `${environment}-${name}`,
    deadLetterQueue: `${environment}-${name}-dlq`,
  });
  return {
    lifecycle: queue('lifecycle'),
    maintenance: queue('maintenance'),
    activity: queue('activity'),
    exceptions: queue('exceptions'),
    recordsTable: `${environment}-records`,
    deadlineIndex: 'deadline',
    activitiesTable: `${environment}-activities`,
    idempotencyTable: `${environment}-idempotency`,
    exceptionsTable: `${environment}-exceptions`,
    scheduleGroup: `${environment}-maintenance`,
    schedulerRole: `${environment}-maintenance-scheduler`,
    rules: {
      organizations: `${environment}-organizations`,
      codebuild: `${environment}-codebuild`,
      signin: `${environment}-signin`,
      activity: `${environment}-activity`,
      exceptions: `${environment}-exceptions`,
      released: `${environment}-released`,
      newMonth: `${environment}-new-month`,
    },
    runtimeRole: `${environment}-runtime`,
    operatorRole: `${environment}-operator`,
    managementRole: `${environment}-management`,
    planRole: `${environment}-github-plan`,
    applyRole: `${environment}-github-apply`,
    budgetTopic: `${environment}-budget-alerts`,
    githubAppSecret: `${environment}/github-app`,
    applyLockTable: `${environment}-apply-lock`,
    stacks: {
      automation: `${environment}-automation`,
      management: `${environment}-management`,
      members: `${environment}-member-accounts`,
    },
  };
}

/** The name of the schedule of one maintenance window: stable for a given expression and time zone. */
export function scheduleName(digestHex: string): string {
  return `window-${digestHex.slice(0, 16)}`;
}
